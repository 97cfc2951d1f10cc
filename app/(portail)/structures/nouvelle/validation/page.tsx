import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { describeLegalCategory, describeNaf } from "@/lib/directory/nomenclatures";
import { formatSiret } from "@/lib/identifiers";
import { parseForm } from "@/lib/forms";
import { prepareStructure } from "@/lib/structures/create-structure";
import { newStructureSchema } from "@/lib/structures/schemas";
import { CreateStructureForm } from "./create-structure-form";
import { fullName } from "@/lib/names";
import { formatAddress } from "@/lib/addresses";

export const metadata: Metadata = { title: "Valider la nouvelle structure" };

export default async function ValidateStructurePage({
  searchParams,
}: {
  searchParams: Promise<{ siret?: string; rcs?: string; fiche?: string }>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const parsed = parseForm(newStructureSchema, { siret: params.siret, rcs: params.rcs });
  // « fiche »: the directory's answer sealed by « Continuer »; without it (a link, a stale or altered one) the directory is asked.
  const draft = parsed.ok ? await prepareStructure(actor, parsed.data.siret, typeof params.fiche === "string" ? params.fiche : null) : null;
  if (!parsed.ok || !draft?.ok) {
    const message = !parsed.ok
      ? Object.values(parsed.fieldErrors)[0]
      : draft && !draft.ok
        ? (draft.formError ?? Object.values(draft.fieldErrors ?? {})[0])
        : undefined;
    return (
      <div className="max-w-3xl">
        <StepIndicator current={2} done={[1]} />
        <h1 className="text-3xl font-bold text-brand">Valider la nouvelle structure</h1>
        <p role="alert" className="mt-4 rounded border-l-4 border-error bg-red-50 p-4 font-semibold">
          {message}
        </p>
        <p className="mt-4">
          <Link href={`/structures/nouvelle?siret=${encodeURIComponent(params.siret ?? "")}`}>Revenir à la saisie du SIRET</Link>
        </p>
      </div>
    );
  }
  const e = draft.data.establishment;
  return (
    <div className="max-w-3xl">
      <StepIndicator current={2} done={[1]} />
      <h1 className="text-3xl font-bold text-brand">Valider la nouvelle structure</h1>
      <p className="mt-2">
        Ces informations viennent de la base INSEE (SIRENE), qui fait foi : vérifiez-les. Si elles sont inexactes, faites-les corriger
        auprès de l&apos;INSEE.
      </p>
      <dl className="mt-6 term-list rounded border border-gray-300 bg-white p-6">
        <dt className="font-semibold">N° de SIRET</dt>
        <dd>{formatSiret(e.siret)}</dd>
        <dt className="font-semibold">Désignation</dt>
        <dd>{e.name ?? `Non diffusée par l'INSEE : votre nom (${fullName(actor)}) sera utilisé`}</dd>
        <dt className="font-semibold">Adresse</dt>
        <dd>{formatAddress(e) || "Non diffusée par l'INSEE"}</dd>
        <dt className="font-semibold">Activité principale (NAF)</dt>
        <dd>{describeNaf(e.nafCode)}</dd>
        <dt className="font-semibold">Forme juridique</dt>
        <dd>{describeLegalCategory(e.legalCategory)}</dd>
        <dt className="font-semibold">Établissement</dt>
        <dd>{e.isHeadOffice ? "Siège" : "Établissement secondaire"}</dd>
        {parsed.data.rcs ? (
          <>
            <dt className="font-semibold">Numéro RCS</dt>
            <dd>{parsed.data.rcs}</dd>
          </>
        ) : null}
      </dl>
      {parsed.data.rcs ? null : (
        <p className="mt-3 text-sm">
          La plupart des exploitations agricoles ne sont pas au registre du commerce.{" "}
          <Link href={`/structures/nouvelle?siret=${e.siret}`}>Ajouter un numéro RCS</Link>
        </p>
      )}
      <CreateStructureForm
        siret={e.siret}
        rcs={parsed.data.rcs}
        seal={draft.data.seal}
        suggestManagementCentre={draft.data.suggestManagementCentre}
      />
    </div>
  );
}
