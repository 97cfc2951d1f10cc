import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatIsoShortDay, formatShortDayTime } from "@/lib/dates";
import { formatEuros, formatRate } from "@/lib/refunds/amounts";
import { ClosingNotice } from "@/app/_components/closing-notice";
import { balanceCell, balanceOf, hasAdvance } from "@/lib/refunds/advance";
import { closingYearsNow } from "@/lib/refunds/closing";
import { PROVISIONAL_RATE_SENTENCE, RATE_KIND_LABELS } from "@/lib/refunds/rate-table";
import { bankAccountsOf } from "@/lib/refunds/bank-accounts";
import { PRODUCTS } from "@/lib/refunds/products";
import { requestsOfStructure } from "@/lib/refunds/queries";
import { statusWords } from "@/lib/refunds/statuses";
import { productList, ratesToShow, yearChoices } from "@/lib/refunds/years";
import { categoryLabel } from "@/lib/spaces/catalogue";
import { ticSpaceForUser } from "@/lib/spaces/queries";
import { ticAccessText } from "@/lib/rights-wording";
import { CreateRequestForm } from "./refund-forms";

export const metadata: Metadata = { title: "Demande de remboursement TIC" };

const section = "mt-8 rounded border border-gray-300 bg-white p-6";

export default async function TicRefundSpacePage({ searchParams }: { searchParams: Promise<{ taux?: string }> }) {
  const actor = await requireActor();
  const tic = ticSpaceForUser(actor);
  if (!tic) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-brand">Demande de remboursement TIC</h1>
        <p className="mt-4">
          Vous n&apos;avez pas accès à cet espace pour la structure sur laquelle vous travaillez. Consultez{" "}
          <Link href="/accueil">l&apos;accueil</Link> pour savoir quelle étape il vous reste.
        </p>
      </div>
    );
  }
  const { structure, access, space } = tic;
  const requests = requestsOfStructure(structure.id);
  const accounts = bankAccountsOf(structure.id);
  const existingYears = new Set(requests.map((r) => r.year));
  const choices = yearChoices();
  const allRates = (await searchParams).taux === "tous";
  const shownRates = ratesToShow(allRates);
  const years = choices.offered.map(({ year, fileBy, productsWithRate }) => ({
    value: String(year),
    label: existingYears.has(year)
      ? `${year} — une demande existe déjà : elle s'ouvrira`
      : `${year} — taux connus : ${productList(productsWithRate)} — au plus tard le ${formatIsoShortDay(fileBy)}`,
  }));
  const accountOptions =
    accounts.length > 0
      ? accounts.map((a) => ({ value: String(a.id), label: `${a.holder} — ${a.ibanText}${a.isDefault ? " (par défaut)" : ""}` }))
      : [{ value: "", label: "Aucune référence bancaire enregistrée pour l'instant" }];
  const isManager = can(actor, "structure.manage", { structureId: structure.id });
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold text-brand">Demande de remboursement TIC</h1>
      <dl className="mt-4 term-list rounded border border-gray-300 bg-white p-6">
        <dt className="font-semibold">Structure</dt>
        <dd>{structure.name}</dd>
        <dt className="font-semibold">Vos droits</dt>
        <dd>
          {ticAccessText(access)}
          {access.via === "mandate" ? " — par le mandat que l'exploitation a donné à votre structure" : null}
        </dd>
        <dt className="font-semibold">Numéro PACAGE</dt>
        <dd>{space.pacage ?? "non renseigné"}</dd>
        <dt className="font-semibold">Catégorie de bénéficiaire</dt>
        <dd>{categoryLabel(space.beneficiaryCategory)}</dd>
      </dl>

      <ClosingNotice closing={closingYearsNow()} />

      <section className={section} aria-labelledby="demandes">
        <h2 id="demandes" className="text-xl font-bold">
          Demandes de la structure
        </h2>
        {requests.length === 0 ? (
          <p className="mt-2">Aucune demande pour l&apos;instant.</p>
        ) : (
          <table className="table-cards mt-3 w-full border-collapse text-left">
            <caption className="sr-only">Demandes de remboursement par année de livraison</caption>
            <thead>
              <tr className="border-b-2 border-gray-400">
                <th scope="col" className="p-2">
                  Année
                </th>
                <th scope="col" className="p-2">
                  Référence
                </th>
                <th scope="col" className="p-2">
                  Statut
                </th>
                <th scope="col" className="p-2 text-right">
                  Lignes
                </th>
                <th scope="col" className="p-2 text-right">
                  Montant demandé
                </th>
                <th scope="col" className="p-2">
                  Dernière modification
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} className="border-b border-gray-300">
                  <th scope="row" className="p-2">
                    <Link href={`/remboursement-tic/demandes/${request.id}`}>{`Demande ${request.year}`}</Link>
                  </th>
                  <td className="p-2" data-label="Référence">
                    {request.reference ?? "—"}
                  </td>
                  <td className="p-2" data-label="Statut">
                    {statusWords(request)}
                  </td>
                  <td className="p-2 md:text-right" data-label="Lignes">
                    {request.lineCount}
                  </td>
                  <td className="p-2 md:text-right" data-label="Montant demandé">
                    {formatEuros(request.totalCents)}
                    {hasAdvance(request.year) ? (
                      <span className="block text-sm">{`solde : ${balanceCell(balanceOf(request.totalCents, request.advanceCents, request.advanceReceived), request.advanceReceived)}`}</span>
                    ) : null}
                  </td>
                  <td className="p-2" data-label="Dernière modification">
                    {formatShortDayTime(request.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {access.canEdit ? (
        <section className={section} aria-labelledby="creer-demande">
          <h2 id="creer-demande" tabIndex={-1} className="text-xl font-bold">
            Saisir une demande de remboursement
          </h2>
          <p className="mt-2 text-sm">
            Une demande par année de livraison. Elle peut être déposée jusqu&apos;à la date limite de chaque carburant (en règle générale le
            31 décembre de la troisième année qui suit) ; l&apos;année en cours ({choices.current}) ne peut pas l&apos;être avant sa fin.
            Seules les années pour lesquelles le portail connaît au moins un taux sourcé sont proposées.
          </p>
          {choices.withoutRate.length > 0 ? (
            <p className="mt-2 mb-4 text-sm">
              {`Non proposée${choices.withoutRate.length > 1 ? "s" : ""} : ${choices.withoutRate.map((c) => c.year).join(", ")}, faute de taux sourcé pour ces livraisons (le portail n'invente aucun taux).`}
            </p>
          ) : (
            <div className="mb-4" />
          )}
          {accounts.length === 0 ? (
            <p className="mb-4 rounded border-l-4 border-brand bg-blue-50 p-3 text-sm">
              {isManager ? (
                <>
                  Aucune référence bancaire n&apos;est enregistrée : ajoutez-les dans{" "}
                  <Link href={`/gestionnaire/structures/${structure.id}#references-bancaires`}>la modification de la structure</Link> avant
                  de transmettre.
                </>
              ) : (
                "Aucune référence bancaire n'est enregistrée : le gestionnaire principal de la structure doit les ajouter avant la transmission."
              )}
            </p>
          ) : null}
          {years.length > 0 ? (
            <CreateRequestForm
              structureId={structure.id}
              years={years}
              defaultYear={String(choices.defaultYear ?? "")}
              accounts={accountOptions}
            />
          ) : (
            <p className="rounded border-l-4 border-brand bg-blue-50 p-3">
              Aucune année ne peut être demandée aujourd&apos;hui : aucun taux sourcé n&apos;est connu pour les années encore ouvertes.
            </p>
          )}
        </section>
      ) : null}

      <section className={section} aria-labelledby="taux">
        <h2 id="taux" className="text-xl font-bold">
          Taux de remboursement appliqués
        </h2>
        <p className="mt-2 text-sm">
          Le taux se remplit seul d&apos;après le type de carburant et la date de livraison. Le portail ne connaît que les taux sourcés
          ci-dessous : une ligne pour un carburant ou une période absente est refusée. Un taux « officiel » est publié par
          l&apos;administration ; un taux « calculé » est le tarif normal d&apos;accise moins le tarif réduit agricole (CIBS, art. L312-60
          et suivants), faute de barème officiel publié ; un taux « provisoire » est calculé de même à partir d&apos;un tarif dont une part
          reste à confirmer. Depuis le 1er juillet 2024, le gazole non routier facturé au tarif réduit agricole n&apos;est plus
          remboursable.
        </p>
        {/* Cards on a phone (table-cards): five columns at 360 px squeezed the sources letter by letter (issue 21). */}
        <table className="table-cards mt-3 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Taux par produit et période de livraison</caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" className="p-2">
                Produit
              </th>
              <th scope="col" className="p-2">
                Livraisons
              </th>
              <th scope="col" className="p-2 text-right">
                Taux
              </th>
              <th scope="col" className="p-2">
                Nature
              </th>
              <th scope="col" className="p-2">
                Source
              </th>
            </tr>
          </thead>
          <tbody>
            {shownRates.rates.map((rate) => (
              <tr key={`${rate.product}-${rate.validFrom}`} className="border-b border-gray-300">
                <th scope="row" className="p-2 font-semibold md:font-normal">
                  {PRODUCTS[rate.product].label}
                </th>
                <td
                  className="p-2"
                  data-label="Livraisons"
                >{`du ${formatIsoShortDay(rate.validFrom)} au ${formatIsoShortDay(rate.validTo)}`}</td>
                <td
                  className="p-2 whitespace-nowrap md:text-right"
                  data-label="Taux"
                >{`${formatRate(rate.rateMilliEuros)} € / ${PRODUCTS[rate.product].unit}`}</td>
                <td className="p-2" data-label="Nature">
                  {RATE_KIND_LABELS[rate.kind]}
                </td>
                <td className="p-2" data-label="Source">
                  {rate.sourceUrl ? (
                    <a href={rate.sourceUrl} rel="noreferrer">
                      {rate.source}
                    </a>
                  ) : (
                    rate.source
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shownRates.rates.some((rate) => rate.kind === "provisional") ? <p className="mt-3 text-sm">{PROVISIONAL_RATE_SENTENCE}</p> : null}
        {allRates ? (
          <p className="mt-3 text-sm">
            <Link href="/remboursement-tic#taux">N&apos;afficher que les taux des années encore ouvertes</Link>
          </p>
        ) : shownRates.hidden > 0 ? (
          <p className="mt-3 text-sm">
            <Link href="/remboursement-tic?taux=tous#taux">{`Voir aussi les taux des années closes (${shownRates.hidden})`}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
