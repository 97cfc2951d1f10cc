import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { InvoicesAcrossFarmsForm } from "./invoices-form";

export const metadata: Metadata = { title: "Joindre des factures pour plusieurs exploitations — Portefeuille" };

/** « Joindre des factures pour plusieurs exploitations » (issue 21, point 11). */
export default async function InvoicesAcrossFarmsPage() {
  const actor = await requireActor();
  if (!can(actor, "portfolio.view")) notFound();
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/portefeuille">Portefeuille</Link> <span aria-hidden="true">›</span> Joindre des factures
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Joindre des factures pour plusieurs exploitations</h1>
      <p className="mt-4 mb-6">
        Envoyez en une fois les copies des factures de plusieurs exploitations clientes. Chaque fichier est joint aux lignes de sa facture
        d&apos;après le numéro que contient son nom, comme sur la page d&apos;une demande, parmi les lignes encore sans copie des demandes
        en cours de saisie que vous pouvez modifier. Si un fichier ne correspond à aucune facture, ou à plusieurs, aucun n&apos;est joint et
        la page dit lequel renommer.
      </p>
      <InvoicesAcrossFarmsForm />
    </div>
  );
}
