import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAgent } from "@/lib/agents/current-agent";
import { supportStructure } from "@/lib/agents/support";
import { formatSiret } from "@/lib/identifiers";
import { ReviewForm } from "../operator-forms";
import { SiretSearch } from "../siret-search";

export const metadata: Metadata = { title: "Vérifier sur pièces" };

const VERIFICATION = { unverified: "non vérifiée", verified: "vérifiée", suspended: "suspendue" } as const;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ siret?: string }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("operator")) notFound();
  const siret = String((await searchParams).siret ?? "").replace(/\s/g, "");
  const valid = /^\d{14}$/.test(siret);
  const structure = valid ? supportStructure(agent, siret) : null;
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Vérifier sur pièces</h1>
      <p className="mt-2">
        Quand le courrier ne peut pas servir (adresse non diffusible, établissement fermé…), vérifiez la structure sur une pièce officielle
        examinée : l&apos;examen est tracé à votre nom.
      </p>
      <SiretSearch
        action="/administration/verifier"
        siret={siret}
        error={siret && !valid ? "Le n° de SIRET compte 14 chiffres." : undefined}
      />
      {valid && !structure ? (
        <p className="mt-6" role="status">
          Aucune structure de vos départements n&apos;a ce n° de SIRET.
        </p>
      ) : null}
      {structure ? (
        <section aria-labelledby="structure" className="mt-8 rounded border border-gray-400 bg-white p-4">
          <h2 id="structure" className="text-xl font-bold">
            {structure.name}
          </h2>
          <p className="mt-1">
            {`SIRET ${formatSiret(structure.siret)} — ${structure.street ?? ""} ${structure.postalCode ?? ""} ${structure.city ?? ""}`.trim()}
          </p>
          <p className="mt-1">{`Gestionnaire principal : ${structure.managerFirst} ${structure.managerLast} (${structure.managerEmail})`}</p>
          <p
            className="mt-1 font-semibold"
            role={structure.verification === "verified" ? "status" : undefined}
          >{`Structure ${VERIFICATION[structure.verification]}.`}</p>
          {structure.verification === "verified" ? null : <ReviewForm structureId={structure.id} />}
        </section>
      ) : null}
    </div>
  );
}
