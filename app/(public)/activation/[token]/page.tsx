import type { Metadata } from "next";
import { StepIndicator } from "@/app/_components/step-indicator";
import { inspectActivationLink } from "@/lib/accounts/activation";
import { ResendActivationForm } from "../resend-activation-form";
import { ActivationForm } from "./activation-form";

export const metadata: Metadata = { title: "Activer votre compte" };

export default async function ActivationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = inspectActivationLink(token);
  if (link.status !== "valid") {
    const reason =
      link.status === "expired"
        ? "Ce lien d'activation a expiré : il n'était valable que 60 minutes."
        : link.status === "used"
          ? "Ce lien d'activation a déjà servi ou a été remplacé par un lien plus récent. Si votre compte est actif, connectez-vous."
          : "Ce lien d'activation n'est pas reconnu. Vérifiez que vous avez copié l'adresse complète.";
    return (
      <div className="max-w-3xl">
        <StepIndicator current={1} />
        <h1 className="text-3xl font-bold text-brand">Lien d&apos;activation non valable</h1>
        <p className="mt-4 text-lg">{reason}</p>
        <p className="mt-2">Demandez un nouveau lien : il sera envoyé à votre adresse de connexion.</p>
        <ResendActivationForm loginEmail={"loginEmail" in link ? link.loginEmail : null} />
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <StepIndicator current={1} />
      <h1 className="text-3xl font-bold text-brand">Activer votre compte</h1>
      <p className="mt-2">
        {`Bonjour ${link.firstName}, choisissez votre mot de passe ainsi qu'une question qui vous permettra de le récupérer vous-même en cas d'oubli. Votre identifiant est ${link.loginEmail}.`}
      </p>
      <ActivationForm token={token} />
    </div>
  );
}
