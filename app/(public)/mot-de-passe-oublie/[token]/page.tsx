import type { Metadata } from "next";
import Link from "next/link";
import { inspectRecoveryLink } from "@/lib/accounts/recovery";
import { RecoveryForm } from "./recovery-form";

export const metadata: Metadata = { title: "Choisir un nouveau mot de passe" };

export default async function RecoveryPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = inspectRecoveryLink(token);
  if (link.status !== "valid") {
    return (
      <div className="max-w-xl">
        <h1 className="text-3xl font-bold text-brand">Lien de réinitialisation non valable</h1>
        <p className="mt-4 text-lg">
          {link.status === "expired"
            ? "Ce lien a expiré : il n'était valable que 30 minutes."
            : link.status === "used"
              ? "Ce lien a déjà servi, a été remplacé par un lien plus récent, ou a été désactivé après trop de réponses incorrectes."
              : "Ce lien n'est pas reconnu. Vérifiez que vous avez copié l'adresse complète."}
        </p>
        <p className="mt-4">
          <Link href="/mot-de-passe-oublie">Demander un nouveau lien de réinitialisation</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand">Choisir un nouveau mot de passe</h1>
      <p className="mt-2">
        {`Répondez à votre question secrète, puis choisissez votre nouveau mot de passe. Après ${link.attemptsLeft} réponse${link.attemptsLeft > 1 ? "s" : ""} incorrecte${link.attemptsLeft > 1 ? "s" : ""}, ce lien sera désactivé.`}
      </p>
      <RecoveryForm token={token} question={link.question} />
    </div>
  );
}
