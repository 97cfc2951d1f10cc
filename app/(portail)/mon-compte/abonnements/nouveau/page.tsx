import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { parisToday } from "@/lib/dates";
import { subscribableSpaces } from "@/lib/spaces/queries";
import { SubscriptionForm } from "./subscription-form";

export const metadata: Metadata = { title: "Ajouter un abonnement" };

export default async function NewSubscriptionPage() {
  const actor = await requireActor();
  const spaces = subscribableSpaces(actor.userId);
  const structures = [...new Map(spaces.map((s) => [s.structureId, { value: String(s.structureId), label: s.structureName }])).values()];
  return (
    <div className="max-w-3xl">
      <StepIndicator current={4} done={[1, 2, 3]} />
      <h1 className="text-3xl font-bold text-brand">Ajouter un abonnement</h1>
      {spaces.length === 0 ? (
        <p className="mt-4">
          Aucun espace n&apos;est ouvert sur les structures auxquelles votre compte est rattaché (en dehors de celles dont vous êtes le
          gestionnaire principal, qui a déjà tous les droits). Le gestionnaire principal doit d&apos;abord ouvrir l&apos;espace.{" "}
          <Link href="/accueil">Retour à l&apos;accueil</Link>
        </p>
      ) : (
        <>
          <p className="mt-2">
            Votre demande sera transmise au gestionnaire principal de la structure. L&apos;onglet de l&apos;espace apparaîtra dans votre
            menu dès sa validation, à partir de la date choisie, sans vous reconnecter.
          </p>
          <SubscriptionForm
            structures={structures}
            spaces={spaces.map((s) => ({
              value: String(s.spaceId),
              label: `${s.label} (${s.structureName})`,
              structureId: String(s.structureId),
            }))}
            today={parisToday()}
          />
        </>
      )}
    </div>
  );
}
