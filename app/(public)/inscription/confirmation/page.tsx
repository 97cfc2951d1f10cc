import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { ACTIVATION_VALIDITY_MINUTES } from "@/lib/accounts/mail-tokens";
import { getConfig } from "@/lib/config";
import { signUpAddress } from "../sign-up-cookie";
import { ResendAfterSignUpForm } from "./resend-form";

export const metadata: Metadata = { title: "Inscription enregistrée" };

export default async function SignUpConfirmationPage() {
  const address = await signUpAddress();
  const { devMailboxEnabled } = getConfig();
  return (
    <div className="max-w-3xl">
      <StepIndicator current={1} />
      <h1 className="text-3xl font-bold text-brand">Consultez votre messagerie</h1>
      <p className="mt-4 text-lg">
        {address ? (
          <>
            Un courriel d&apos;activation a été envoyé à <strong>{address}</strong>.
          </>
        ) : (
          "Un courriel d'activation a été envoyé à l'adresse de connexion que vous avez saisie."
        )}
      </p>
      <p className="mt-2">
        {`Cliquez sur « Activer votre compte » dans ce courriel dans les ${ACTIVATION_VALIDITY_MINUTES} minutes : vous choisirez alors votre mot de passe et votre question secrète.`}
      </p>
      <p className="mt-2">Vous ne le trouvez pas ? Regardez dans les courriers indésirables, puis demandez un nouveau lien.</p>
      {devMailboxEnabled ? (
        <p className="mt-4 rounded border-l-4 border-brand bg-blue-50 p-3">
          Environnement local : les courriels ne partent pas, ils sont dans la <Link href="/dev/boite-mail">boîte d&apos;envoi</Link>.
        </p>
      ) : null}
      <div className="mt-6">
        {address ? <ResendAfterSignUpForm /> : <Link href="/activation/renvoyer">Renvoyer le lien d&apos;activation</Link>}
      </div>
    </div>
  );
}
