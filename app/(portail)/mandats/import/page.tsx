import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { parisToday } from "@/lib/dates";
import { MANDATE_FILE_COLUMNS, MAX_MANDATE_FILE_ROWS } from "@/lib/mandates/invitation-file";
import { INVITATION_DAYS } from "@/lib/mandates/invitations";
import { mandatesHome } from "@/lib/mandates/queries";
import { currentStructureOnce } from "@/lib/page-reads";
import { fixQuoteSpaces } from "@/lib/typography";
import { MandateFileForm } from "./mandate-file-form";

export const metadata: Metadata = { title: "Demander des mandats à partir d'un fichier" };

/**
 * A centre de gestion's gestionnaire principal asks mandates of many farms at once (issue 21,
 * point 11; ADR 0029): a farm on the portal is asked as on « Demander un mandat », one not yet on
 * it gets an invitation by e-mail. The service checks the right again on every post.
 */
export default async function MandateFilePage() {
  const actor = await requireActor();
  const { current: worked, all } = currentStructureOnce(actor.userId);
  const current = mandatesHome(actor.userId, worked, all);
  const allowed = current !== null && can(actor, "mandate.askMany", { structureId: current.id });
  return (
    <div className="max-w-5xl">
      <p>
        <Link href="/mandats">Retour aux mandats</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Demander des mandats à partir d&apos;un fichier</h1>
      {!allowed ? (
        <p className="mt-4 max-w-3xl">
          Seul le gestionnaire principal d&apos;un centre de gestion agricole peut demander des mandats à partir d&apos;un fichier, au nom
          de son centre. Pour une seule exploitation, utilisez <Link href="/mandats/nouveau">« Demander un mandat »</Link>.
        </p>
      ) : (
        <>
          <div className="mt-4 max-w-3xl space-y-2">
            <p>
              {fixQuoteSpaces(
                `Un fichier CSV, une ligne par exploitation cliente : son SIRET et son adresse électronique. Pour une exploitation déjà inscrite sur le portail, une demande de mandat est transmise à son gestionnaire principal, comme avec « Demander un mandat ». Une exploitation pas encore inscrite reçoit une invitation par courriel : son lien, valable ${INVITATION_DAYS} jours, la conduit à créer son compte et sa structure, puis à accepter ou refuser votre demande.`,
              )}
            </p>
            <p>
              {fixQuoteSpaces(
                `Le fichier est d'abord vérifié : vous voyez ce qui sera fait pour chaque ligne, et les erreurs avec leur numéro de ligne. Rien n'est envoyé avant « Confirmer ». ${MAX_MANDATE_FILE_ROWS} lignes et 1 Mo au plus par fichier ; chaque SIRET vérifié compte dans vos recherches du jour.`,
              )}
            </p>
            <p>
              <a href="/mandats/import/modele" download>
                Télécharger le modèle CSV
              </a>{" "}
              (la ligne d&apos;en-tête seule).
            </p>
          </div>
          <details className="mt-4 max-w-3xl text-sm">
            <summary className="cursor-pointer font-semibold">Colonnes du fichier</summary>
            <ul className="mt-2 list-disc pl-6">
              {MANDATE_FILE_COLUMNS.map((column) => (
                <li key={column.name}>
                  <code>{column.name}</code> : {fixQuoteSpaces(column.description)}
                </li>
              ))}
            </ul>
          </details>
          <section aria-labelledby="importer-mandats" className="mt-8 rounded border border-gray-300 bg-white p-6">
            <h2 id="importer-mandats" className="text-xl font-bold">{`Vérifier le fichier, au nom de ${current.name}`}</h2>
            <MandateFileForm agentStructureId={current.id} today={parisToday()} />
          </section>
        </>
      )}
    </div>
  );
}
