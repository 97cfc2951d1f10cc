import type { Metadata } from "next";
import { positiveInteger } from "@/lib/search-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { contestTarget, pendingContestOf } from "@/lib/structures/contests";
import { ContestForm } from "./contest-form";

export const metadata: Metadata = { title: "Contester la gestion d'une structure" };

export default async function ContestPage({ searchParams }: { searchParams: Promise<{ structure?: string }> }) {
  const actor = await requireActor();
  const structureId = positiveInteger((await searchParams).structure);
  if (structureId === null || !can(actor, "structure.contest", { structureId })) notFound();
  const structure = contestTarget(structureId)!;
  const pending = pendingContestOf(actor.userId, structureId);
  return (
    <div className="max-w-3xl">
      <p>
        <Link href={`/structures/rattachement?identifiant=${structure.siret}`}>Demander un rattachement</Link>{" "}
        <span aria-hidden="true">›</span> Contester la gestion
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Contester la gestion d&apos;une structure</h1>
      <p className="mt-2 font-semibold">{`${structure.name} — SIRET ${formatSiret(structure.siret)}`}</p>
      {pending ? (
        <p role="status" className="mt-6 rounded border-l-4 border-brand bg-blue-50 p-4">
          {`Vous avez contesté la gestion de cette structure le ${formatDay(pending.createdAt)} : nos services examinent votre demande et vous écriront.`}
        </p>
      ) : (
        <>
          <p className="mt-4">
            Cette structure est déjà inscrite sur le portail. Si vous dirigez cette entreprise (ou agissez pour elle) et que vous ne
            connaissez pas son gestionnaire principal, dites-nous pourquoi.
          </p>
          <ul className="mt-2 list-disc pl-6">
            <li>
              Le gestionnaire principal est prévenu par courriel qu&apos;une contestation est en cours ; votre motif n&apos;est lu que par
              nos services.
            </li>
            <li>
              Nos services l&apos;examinent et peuvent vous demander un justificatif (extrait Kbis, statuts, pièce d&apos;identité). Ils
              décident de maintenir le gestionnaire, de vous transmettre la gestion ou de suspendre la structure, et vous écrivent.
            </li>
            <li>En attendant, une structure non vérifiée ne peut transmettre aucune demande de remboursement.</li>
          </ul>
          <ContestForm structureId={structure.id} />
        </>
      )}
    </div>
  );
}
