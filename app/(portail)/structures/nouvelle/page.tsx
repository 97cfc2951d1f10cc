import type { Metadata } from "next";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { NewStructureForm } from "./new-structure-form";

export const metadata: Metadata = { title: "Saisir une nouvelle structure" };

export default async function NewStructurePage({ searchParams }: { searchParams: Promise<{ siret?: string }> }) {
  await requireActor();
  const { siret } = await searchParams;
  return (
    <div className="max-w-3xl">
      <StepIndicator current={2} done={[1]} />
      <h1 className="text-3xl font-bold text-brand">Saisir une nouvelle structure</h1>
      <p className="mt-2">
        Renseignez le SIRET de votre structure, et son numéro RCS si elle est inscrite au registre du commerce (la plupart des exploitations
        agricoles ne le sont pas). Le formulaire suivant sera pré-rempli avec les informations de la base INSEE.
      </p>
      <NewStructureForm siret={typeof siret === "string" ? siret : ""} />
    </div>
  );
}
