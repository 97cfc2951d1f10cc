import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatSiret } from "@/lib/identifiers";
import { openYearsNow } from "@/lib/portfolio/queries";
import { TRANSMIT_MANY_MAX, readyToTransmit } from "@/lib/portfolio/transmit-many";
import { TransmitManyForm } from "./transmit-many-form";

export const metadata: Metadata = { title: "Transmettre plusieurs demandes — Portefeuille" };

/** « Transmettre plusieurs demandes »: the confirmation page listing the ready requests (issue 21, point 11). */
export default async function TransmitManyPage() {
  const actor = await requireActor();
  if (!can(actor, "portfolio.view")) notFound();
  const ready = readyToTransmit(actor, openYearsNow()).map((request) => ({ ...request, siret: formatSiret(request.siret) }));
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/portefeuille">Portefeuille</Link> <span aria-hidden="true">›</span> Transmettre plusieurs demandes
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Transmettre plusieurs demandes à l&apos;administration</h1>
      <p className="mt-4">
        Voici les demandes complètes de vos exploitations clientes dont le mandat vous permet la transmission. Décochez celles que vous ne
        voulez pas transmettre maintenant.
      </p>
      <p className="mt-2 mb-6">
        Chaque demande cochée est transmise séparément, exactement comme avec « Transmettre » sur sa page : elle reçoit sa référence et son
        récépissé, et son gestionnaire principal en est informé par courriel. Si l&apos;une ne peut pas l&apos;être, les autres le sont
        quand même et le résultat dit pourquoi. Une demande transmise ne peut plus être modifiée, sauf si l&apos;administration la déclare «
        à compléter ». {`Au plus ${TRANSMIT_MANY_MAX} demandes à la fois.`}
      </p>
      <TransmitManyForm ready={ready} />
    </div>
  );
}
