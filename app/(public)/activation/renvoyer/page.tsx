import type { Metadata } from "next";
import { StepIndicator } from "@/app/_components/step-indicator";
import { ResendActivationForm } from "../resend-activation-form";

export const metadata: Metadata = { title: "Renvoyer le lien d'activation" };

export default function ResendActivationPage() {
  return (
    <div className="max-w-3xl">
      <StepIndicator current={1} />
      <h1 className="text-3xl font-bold text-brand">Renvoyer le lien d&apos;activation</h1>
      <p className="mt-2">
        Saisissez l&apos;adresse avec laquelle vous vous êtes inscrit. Si elle attend une activation, un nouveau lien, valable 60 minutes,
        lui sera envoyé ; il remplace le précédent.
      </p>
      <ResendActivationForm />
    </div>
  );
}
