import type { Metadata } from "next";
import { RequestRecoveryForm } from "./request-recovery-form";

export const metadata: Metadata = { title: "Mot de passe oublié" };

export default function ForgottenPasswordPage() {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand">Mot de passe oublié</h1>
      <p className="mt-2">
        Saisissez votre adresse électronique de connexion. Vous recevrez un lien, valable 30 minutes, qui vous posera votre question secrète
        puis vous laissera choisir un nouveau mot de passe.
      </p>
      <RequestRecoveryForm />
    </div>
  );
}
