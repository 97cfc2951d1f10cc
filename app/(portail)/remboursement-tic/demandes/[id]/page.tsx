import type { Metadata } from "next";
import { OtherStructurePanel } from "@/app/_components/other-structure-panel";
import { workingOnAnother } from "@/lib/structures/working-structure";
import Link from "next/link";
import { TableRegion } from "@/app/_components/table-region";
import { notFound } from "next/navigation";
import { InlineAction } from "@/app/_components/inline-action";
import { authorize } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatDayTime, formatIsoShortDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { endedMandateOnRequest } from "@/lib/mandates/queries";
import { ADVANCE_QUESTION, hasAdvance } from "@/lib/refunds/advance";
import { formatEuros, formatEurosInput, formatQuantity, formatRate } from "@/lib/refunds/amounts";
import { bankAccountsOf } from "@/lib/refunds/bank-accounts";
import { CSV_COLUMNS } from "@/lib/refunds/csv-lines";
import { formatIban, maskedIban } from "@/lib/refunds/iban";
import { PRODUCTS } from "@/lib/refunds/products";
import { requestDetail } from "@/lib/refunds/queries";
import { PROVISIONAL_RATE_SENTENCE, RATE_KIND_LABELS } from "@/lib/refunds/rate-table";
import { formLineContext } from "@/lib/refunds/requests";
import { STATUS_EXPLANATIONS, isEditable, statusWords } from "@/lib/refunds/statuses";
import { transmissionProblems } from "@/lib/refunds/transmission";
import { categoryLabel } from "@/lib/spaces/catalogue";
import { removeLineAction } from "../../actions";
import { AdvanceForm, AttachInvoiceForm, AttachInvoicesForm, ImportLinesForm, LineForm, RequestHeaderForm } from "../../refund-forms";
import { BalanceSummary } from "./balance-summary";
import { MandateEndedPanel } from "./mandate-ended";
import { StatusTimeline } from "./status-timeline";
import { farmThread } from "@/lib/instruction/farm-view";
import { ComplementAsked, DecisionSummary, MessageThread } from "./instruction-panels";

export const metadata: Metadata = { title: "Demande de remboursement TIC" };

const section = "mt-8 rounded border border-gray-300 bg-white p-6";

export default async function RefundRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ existante?: string; transmise?: string }>;
}) {
  const actor = await requireActor();
  const requestId = Number((await params).id);
  if (!Number.isSafeInteger(requestId)) notFound();
  // One resolution: the request's row and every right on it, its state included.
  const grant = authorize(actor, "refund.view", { requestId });
  if (!grant.ok) {
    // A mandate of the user's structure on that farm has ended: say so. Otherwise not found and not yours look the same.
    const ended = endedMandateOnRequest(actor.userId, requestId);
    if (ended) return <MandateEndedPanel ended={ended} />;
    notFound();
  }
  const { rights } = grant;
  const detail = requestDetail(requestId)!;
  const { request, structure, bankAccount, lines, events } = detail;
  const elsewhere = workingOnAnother(actor.userId, structure.id);
  if (elsewhere)
    return (
      <OtherStructurePanel
        heading={`Demande de remboursement TIC ${request.year} de ${structure.name}`}
        structure={{ id: structure.id, name: structure.name }}
        current={elsewhere}
        retour={`/remboursement-tic/demandes/${request.id}`}
      />
    );
  const mayEdit = rights.has("refund.edit");
  const mayTransmit = rights.has("request.transmit");
  const editable = rights.has("request.edit");
  const problems = transmissionProblems(detail);
  // A mandated structure sees the farm's accounts masked, and no RIB (docs/decisions/0018).
  const fullBankDetails = rights.has("bankDetails.view");
  const accounts = bankAccountsOf(structure.id).map((a) => ({
    value: String(a.id),
    label: `${a.holder} — ${fullBankDetails ? a.ibanText : maskedIban(a.iban)}${a.isDefault ? " (par défaut)" : ""}`,
  }));
  const query = await searchParams;
  const existed = query.existante === "1";
  const justTransmitted = query.transmise === "1" && request.reference !== null && !isEditable(request.status);
  const { settings } = detail;
  const withAdvance = hasAdvance(request.year);
  const mayDelete = rights.has("request.delete");
  const thread = farmThread(request.id);
  const granted =
    (request.status === "accepted" || request.status === "payment" || request.status === "paid") && request.acceptedCents !== null;
  return (
    <div className="max-w-5xl">
      <p>
        <Link href="/remboursement-tic">Demande de remboursement TIC</Link> <span aria-hidden="true">›</span> {`Demande ${request.year}`}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">{`Demande de remboursement TIC ${request.year}`}</h1>
      {justTransmitted ? (
        <div role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          <p className="text-lg font-bold">{`Demande transmise à l'administration sous la référence ${request.reference}.`}</p>
          <p className="mt-1">Un courriel de confirmation vous est envoyé. Gardez le récépissé : il atteste la transmission.</p>
          {detail.latestReceiptId ? (
            <p className="mt-2">
              <a href={`/remboursement-tic/fichiers/${detail.latestReceiptId}`} className="font-semibold">
                {`Télécharger le récépissé ${request.reference} (PDF)`}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      {request.status === "incomplete" ? <ComplementAsked requestId={request.id} thread={thread} mayAnswer={mayEdit} /> : null}
      {existed ? (
        <p role="status" className="mt-4 rounded border-l-4 border-brand bg-blue-50 p-3">
          {`Une demande pour ${request.year} existe déjà pour cette structure (une seule par année) : la voici.`}
        </p>
      ) : null}

      <section className={section} aria-labelledby="statut">
        <h2
          id="statut"
          className="text-xl font-bold"
        >{`Statut : ${statusWords({ status: request.status, acceptedCents: request.acceptedCents, paidOn: detail.paidOn })}`}</h2>
        <p className="mt-1">{STATUS_EXPLANATIONS[request.status]}</p>
        {request.reference ? <p className="mt-1">{`Référence : ${request.reference}`}</p> : null}
        {granted ? <DecisionSummary acceptedCents={request.acceptedCents!} totalCents={detail.totalCents} thread={thread} /> : null}
        {detail.latestReceiptId ? (
          <p className="mt-3">
            <a href={`/remboursement-tic/fichiers/${detail.latestReceiptId}`} className="font-semibold">
              Télécharger le récépissé (PDF)
            </a>
          </p>
        ) : null}
        <StatusTimeline events={events} current={request.status} paidOn={detail.paidOn} />
      </section>

      <MessageThread thread={thread} />

      <section className={section} aria-labelledby="entete">
        <h2 id="entete" className="text-xl font-bold">
          Informations de la demande
        </h2>
        <dl className="mt-3 term-list">
          <dt className="font-semibold">Structure</dt>
          <dd>{`${structure.name} — SIRET ${formatSiret(structure.siret)}`}</dd>
          <dt className="font-semibold">Année de la demande</dt>
          <dd>{`${request.year} (livraisons du 01/01/${request.year} au 31/12/${request.year})`}</dd>
          <dt className="font-semibold">Numéro PACAGE</dt>
          <dd>{settings.pacage ?? "non renseigné"}</dd>
          <dt className="font-semibold">Catégorie de bénéficiaire</dt>
          <dd>{categoryLabel(settings.beneficiaryCategory)}</dd>
          <dt className="font-semibold">Références bancaires</dt>
          <dd>
            {bankAccount ? (
              <>
                {fullBankDetails ? (
                  <>
                    {`${bankAccount.holder} — IBAN ${formatIban(bankAccount.iban)} — BIC ${bankAccount.bic} `}
                    <a href={`/remboursement-tic/fichiers/${bankAccount.ribFileId}`}>Télécharger le RIB</a>
                  </>
                ) : (
                  `${bankAccount.holder} — IBAN ${maskedIban(bankAccount.iban)} (visible en entier par l'exploitation seulement)`
                )}
                {bankAccount.removedAt ? <strong className="block text-error">Ces références bancaires ont été retirées.</strong> : null}
              </>
            ) : (
              "non choisies"
            )}
          </dd>
          <dt className="font-semibold">Attestation</dt>
          <dd>{request.notInDifficulty ? "L'entreprise atteste ne pas être « en difficulté »." : "non cochée"}</dd>
        </dl>
        {editable ? (
          <RequestHeaderForm
            requestId={request.id}
            accounts={[{ value: "", label: "— Choisissez —" }, ...accounts]}
            bankAccountId={request.bankAccountId}
            notInDifficulty={request.notInDifficulty}
          />
        ) : null}
      </section>

      {withAdvance ? (
        <section className={section} aria-labelledby="avance">
          <h2 id="avance" className="text-xl font-bold">
            L&apos;avance de 2024
          </h2>
          <p className="mt-2 text-sm">
            L&apos;avance de 50 % versée en 2024 à qui l&apos;a demandée (décret n° 2024-76) se régularise par cette demande : ses
            bénéficiaires devaient la déposer avant le 31 décembre 2025, même sans rien à réclamer (décret et arrêté du 21 décembre 2024).
            Un trop-perçu se reverse avec la déclaration de TVA de décembre 2025, pas dans la demande.
          </p>
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">{ADVANCE_QUESTION}</dt>
            <dd>
              {request.advanceReceived === null
                ? "pas encore répondu"
                : request.advanceReceived
                  ? `Oui : ${formatEuros(request.advanceCents ?? 0)}`
                  : "Non"}
            </dd>
          </dl>
          {editable ? (
            <AdvanceForm
              requestId={request.id}
              received={request.advanceReceived === null ? "" : request.advanceReceived ? "oui" : "non"}
              amount={request.advanceReceived && request.advanceCents !== null ? formatEurosInput(request.advanceCents) : ""}
            />
          ) : null}
          <BalanceSummary balance={detail.balance} received={request.advanceReceived} late={detail.advanceLate} />
        </section>
      ) : null}

      <section className={section} aria-labelledby="lignes">
        <h2 id="lignes" className="text-xl font-bold">{`Lignes (${lines.length}) — total ${formatEuros(detail.totalCents)}`}</h2>
        {lines.length === 0 ? (
          <p className="mt-2">Aucune ligne pour l&apos;instant : ajoutez une ligne par facture, à la main ou par un fichier CSV.</p>
        ) : (
          <div className="mt-3">
            <TableRegion label="Tableau des lignes de la demande">
              <table className="table-cards w-full border-collapse text-left text-sm">
                <caption className="sr-only">Lignes de la demande, une par facture, avec le taux et le montant calculés</caption>
                <thead>
                  <tr className="border-b-2 border-gray-400">
                    <th scope="col" className="p-2">
                      N° de facture
                    </th>
                    <th scope="col" className="p-2">
                      Livraison
                    </th>
                    <th scope="col" className="p-2">
                      Type de carburant
                    </th>
                    <th scope="col" className="p-2 text-right">
                      Volume
                    </th>
                    <th scope="col" className="p-2 text-right">
                      Taux
                    </th>
                    <th scope="col" className="p-2 text-right">
                      Montant
                    </th>
                    <th scope="col" className="p-2">
                      Facture
                    </th>
                    {editable ? (
                      <th scope="col" className="p-2">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line) => (
                    <tr key={line.id} className="border-b border-gray-300 align-top">
                      <th scope="row" className="p-2">
                        {line.invoiceNumber}
                      </th>
                      <td data-label="Livraison" className="p-2">
                        {formatIsoShortDay(line.deliveryDate)}
                      </td>
                      <td data-label="Type de carburant" className="p-2">
                        {PRODUCTS[line.product].label}
                        {line.billedFullTariff ? <span className="block text-xs text-gray-700">facturé au tarif plein</span> : null}
                      </td>
                      <td data-label="Volume" className="p-2 text-right whitespace-nowrap">
                        {formatQuantity(line.volumeMilli, PRODUCTS[line.product].unit)}
                      </td>
                      <td data-label="Taux" className="p-2 text-right whitespace-nowrap">
                        {`${formatRate(line.rateMilliEuros)} €`}
                        {line.rateKind ? (
                          <span className="block text-xs text-gray-700">{`taux ${RATE_KIND_LABELS[line.rateKind]}`}</span>
                        ) : null}
                      </td>
                      <td data-label="Montant" className="p-2 text-right whitespace-nowrap">
                        {formatEuros(line.amountCents)}
                      </td>
                      <td data-label="Facture" className="p-2">
                        {line.invoiceFileId ? (
                          <a href={`/remboursement-tic/fichiers/${line.invoiceFileId}`}>{`Facture ${line.invoiceNumber}`}</a>
                        ) : (
                          <strong className="text-error">manquante</strong>
                        )}
                        {editable ? (
                          <AttachInvoiceForm lineId={line.id} invoiceNumber={line.invoiceNumber} replace={line.invoiceFileId !== null} />
                        ) : null}
                      </td>
                      {editable ? (
                        <td data-label="Actions" className="p-2">
                          <Link
                            href={`/remboursement-tic/demandes/${request.id}/lignes/${line.id}`}
                            className="mr-2 inline-block"
                            aria-label={`Modifier la ligne de la facture ${line.invoiceNumber} (${PRODUCTS[line.product].label}, ${formatIsoShortDay(line.deliveryDate)})`}
                          >
                            Modifier
                          </Link>
                          <InlineAction
                            action={removeLineAction}
                            fields={{ lineId: line.id }}
                            label="Supprimer"
                            accessibleLabel={`Supprimer la ligne de la facture ${line.invoiceNumber}`}
                            danger
                            confirm="La ligne et la copie de sa facture seront retirées de la demande."
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t-2 border-gray-400 font-bold">
                    <th scope="row" colSpan={5} className="p-2 text-right">
                      Montant des lignes
                    </th>
                    <td className="p-2 text-right whitespace-nowrap">{formatEuros(detail.totalCents)}</td>
                    <td colSpan={editable ? 2 : 1} />
                  </tr>
                </tfoot>
              </table>
            </TableRegion>
          </div>
        )}
        {lines.some((line) => line.rateKind === "provisional") ? <p className="mt-3 text-sm">{PROVISIONAL_RATE_SENTENCE}</p> : null}
        <p className="mt-3 text-sm text-gray-700">
          Montant d&apos;une ligne : volume × taux, arrondi au centime le plus proche (un demi-centime est arrondi au centime supérieur). Le
          total est la somme des lignes arrondies.
        </p>
        {editable && lines.length > 0 ? (
          <div className="mt-6">
            <h3 id="joindre-factures" className="text-lg font-semibold">
              Joindre plusieurs factures en une fois
            </h3>
            <AttachInvoicesForm requestId={request.id} />
          </div>
        ) : null}
        {editable ? (
          <>
            <div className="mt-6">
              <LineForm requestId={request.id} context={formLineContext(request.year)} totalCents={detail.totalCents} />
            </div>
            <div className="mt-8">
              <h3 id="importer-lignes" className="text-lg font-semibold">
                Importer des lignes depuis un fichier CSV
              </h3>
              <p className="mt-1 text-sm">
                Toutes les lignes du fichier sont vérifiées : si une seule est en erreur, aucune n&apos;est importée et chaque erreur est
                indiquée avec sa ligne et sa colonne. <a href="/remboursement-tic/modele-import">Télécharger le modèle CSV</a>
              </p>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer font-semibold">Colonnes du fichier</summary>
                <ul className="mt-2 list-disc pl-6">
                  {CSV_COLUMNS.map((column) => (
                    <li key={column.name}>
                      <code>{column.name}</code> : {column.description}
                    </li>
                  ))}
                </ul>
              </details>
              <div className="mt-3">
                <ImportLinesForm requestId={request.id} />
              </div>
            </div>
          </>
        ) : null}
      </section>

      {editable ? (
        <section className={section} aria-labelledby="transmettre">
          <h2 id="transmettre" className="text-xl font-bold">
            Transmettre la demande
          </h2>
          {problems.length > 0 ? (
            <>
              <p className="mt-2">Avant de transmettre :</p>
              <ul className="mt-1 mb-4 list-disc pl-6">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </>
          ) : !mayTransmit ? (
            <p className="mt-2">
              La demande est complète. Le mandat de votre structure ne comprend pas la transmission : le gestionnaire principal de
              l&apos;exploitation la transmet lui-même.
            </p>
          ) : (
            <>
              <p className="mt-2 mb-4">
                {`La demande est complète : ${lines.length} ligne${lines.length > 1 ? "s" : ""}, ${formatEuros(detail.totalCents)}. Une fois transmise à l'administration, elle ne peut plus être modifiée (sauf si l'administration la déclare « à compléter ») ; vous recevrez un récépissé.`}
              </p>
              <Link
                href={`/remboursement-tic/demandes/${request.id}/transmettre`}
                className="inline-block rounded bg-brand px-5 py-2 font-semibold text-white no-underline"
              >
                {request.reference !== null ? "Confirmer et transmettre de nouveau…" : "Transmettre…"}
              </Link>
            </>
          )}
        </section>
      ) : mayEdit ? null : (
        <p className="mt-8 rounded border-l-4 border-brand bg-blue-50 p-3">
          Vous avez le droit de consultation sur cet espace : vous pouvez voir la demande et télécharger ses documents, sans la modifier.
        </p>
      )}
      {mayDelete ? (
        <p className="mt-8">
          <Link
            href={`/remboursement-tic/demandes/${request.id}/supprimer`}
            className="text-error"
          >{`Supprimer le brouillon ${request.year}…`}</Link>
        </p>
      ) : null}
      <p className="mt-8 text-sm text-gray-700">{`Dernière modification : ${formatDayTime(request.updatedAt)}.`}</p>
    </div>
  );
}
