import type { Metadata } from "next";
import { StepIndicator } from "@/app/_components/step-indicator";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Créer votre compte" };

export default function SignUpPage() {
  return (
    <div className="max-w-3xl">
      <StepIndicator current={1} />
      <h1 className="text-3xl font-bold text-brand">Créer votre compte</h1>
      <p className="mt-2">
        Tous les champs sont obligatoires, sauf ceux marqués « facultatif ». Un courriel vous sera envoyé pour activer votre compte.
      </p>
      <SignUpForm />
    </div>
  );
}
