import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { MAX_IMPORTS_PER_REQUEST, MAX_LINES_PER_REQUEST } from "@/lib/refunds/amounts";
import { BULK_CSV_COLUMNS } from "@/lib/refunds/bulk-import";
import { MAX_CSV_ROWS } from "@/lib/refunds/csv-lines";
import { fixQuoteSpaces } from "@/lib/typography";
import { PortfolioImportForm } from "./portfolio-import-form";

export const metadata: Metadata = { title: "Importer des lignes pour plusieurs exploitations" };

/**
 * The import across farms (issue 12): for the users of a mandated structure (centre de gestion),
 * one file that creates or fills the drafts of many client farms. Who may write to which farm is
 * decided row by row by the access policy, as for every other change.
 */
export default async function PortfolioImportPage() {
  await requireActor();
  return (
    <div className="max-w-5xl">
      <p>
        <Link href="/portefeuille">Retour au portefeuille</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Importer des lignes pour plusieurs exploitations</h1>
      <div className="mt-4 max-w-3xl space-y-2">
        <p>
          Un seul fichier CSV pour toutes vos exploitations clientes : chaque ligne porte le SIRET de l&apos;exploitation, puis la facture,
          comme l&apos;import d&apos;une demande. L&apos;année de la demande est celle de la date de livraison ; une demande absente est
          créée en brouillon (avec les références bancaires par défaut de l&apos;exploitation, sans l&apos;attestation), une demande en
          cours de saisie est complétée.
        </p>
        <p>
          {fixQuoteSpaces(
            `Toutes les lignes sont vérifiées : si une seule est en erreur, rien n'est importé, pour aucune exploitation, et chaque erreur est indiquée avec sa ligne et sa colonne. Seules les exploitations qui vous ont donné un mandat « Modification » (ou dont vous modifiez l'espace) peuvent figurer dans le fichier. ${MAX_CSV_ROWS} lignes et 1 Mo au plus par fichier ; une demande compte ${MAX_LINES_PER_REQUEST} lignes au plus et reçoit ${MAX_IMPORTS_PER_REQUEST} imports au plus.`,
          )}
        </p>
        <p>
          <a href="/portefeuille/modele-import">Télécharger le modèle CSV</a> (la ligne d&apos;en-tête seule).
        </p>
      </div>
      <details className="mt-4 max-w-3xl text-sm">
        <summary className="cursor-pointer font-semibold">Colonnes du fichier</summary>
        <ul className="mt-2 list-disc pl-6">
          {BULK_CSV_COLUMNS.map((column) => (
            <li key={column.name}>
              <code>{column.name}</code> : {fixQuoteSpaces(column.description)}
            </li>
          ))}
        </ul>
      </details>
      <section aria-labelledby="importer-portefeuille" className="mt-8 rounded border border-gray-300 bg-white p-6">
        <h2 id="importer-portefeuille" className="text-xl font-bold">
          Importer le fichier
        </h2>
        <PortfolioImportForm />
      </section>
    </div>
  );
}
