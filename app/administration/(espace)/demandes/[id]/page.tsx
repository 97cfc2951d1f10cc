import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoneNotice } from "@/app/_components/done-notice";
import { TableRegion } from "@/app/_components/table-region";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatDayTime, formatIsoShortDay } from "@/lib/dates";
import { describeLegalCategory, describeNaf } from "@/lib/directory/nomenclatures";
import { formatSiret } from "@/lib/identifiers";
import { CHECKS, CHECK_LABELS } from "@/lib/instruction/checks";
import { requestFile } from "@/lib/instruction/request-file";
import { TAKEABLE } from "@/lib/instruction/take-charge";
import { formatEuros, formatQuantity, formatRate } from "@/lib/refunds/amounts";
import { formatIban } from "@/lib/refunds/iban";
import { PRODUCTS } from "@/lib/refunds/products";
import { RATE_KIND_LABELS } from "@/lib/refunds/rate-table";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { categoryLabel } from "@/lib/spaces/catalogue";
import { AcceptForm, ComplementForm, RejectForm, TakeChargeForm, type LineChoice } from "../forms";

export const metadata: Metadata = { title: "Dossier de la demande" };

const section = "mt-8 rounded border border-gray-400 bg-white p-4";
const VERIFICATION = { unverified: "non vérifiée", verified: "vérifiée", suspended: "suspendue" } as const;

export default async function RequestFilePage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requireAgent();
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const file = requestFile(agent, Number(raw));
  if (!file) notFound();
  const { request, structure, bankAccount, lines, checks, messages, events, history, centres, instructor } = file;
  const doc = (fileId: number) => `/administration/demandes/${request.id}/documents/${fileId}`;
  const mine = request.instructorAgentId === agent.agentId;
  const accepted = new Map(file.acceptedLines.map((line) => [line.id, line]));
  const decided = request.status === "accepted" || request.status === "payment" || request.status === "paid";
  const choices: LineChoice[] = lines.map((line) => ({
    id: line.id,
    label: `facture ${line.invoiceNumber} (${PRODUCTS[line.product].label}, ${formatIsoShortDay(line.deliveryDate)})`,
    volume: (line.volumeMilli / 1000).toString().replace(".", ","),
    unit: PRODUCTS[line.product].unit,
  }));
  const lineChecks = (lineId: number) => [
    ...checks.duplicates
      .filter((d) => d.lineId === lineId)
      .map((d) => `Même n° de facture sur la demande ${d.otherReference ?? "d'une autre exploitation"}`),
    ...(checks.missingInvoiceLineIds.includes(lineId) ? ["Facture non jointe"] : []),
    ...(checks.rateKindLineIds.includes(lineId) ? ["Taux calculé ou provisoire"] : []),
  ];
  return (
    <div>
      <p>
        <Link href="/administration/demandes">Demandes</Link> <span aria-hidden="true">›</span> {request.reference}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{`Demande ${request.reference} — ${structure.name}`}</h1>
      <DoneNotice />
      <p className="mt-2 text-lg font-semibold">{`Statut : ${STATUS_LABELS[request.status]}`}</p>
      <p className="mt-1">{`Suivie par : ${instructor ? `${instructor.firstName} ${instructor.lastName}${mine ? " (vous)" : ""}` : "personne"}. Transmise le ${request.transmittedAt ? formatDayTime(request.transmittedAt) : "—"}.`}</p>
      {decided && request.acceptedCents !== null ? (
        <p className="mt-1 font-semibold">{`Montant accordé : ${formatEuros(request.acceptedCents)} sur ${formatEuros(file.totalCents)} demandés.`}</p>
      ) : null}

      <section className={section} aria-labelledby="controles">
        <h2 id="controles" className="text-xl font-bold">
          Contrôles
        </h2>
        <ul className="mt-2 space-y-1">
          {CHECKS.map((check) => (
            <li key={check} className={checks.fired[check] ? "font-semibold text-error" : ""}>
              {`${checks.fired[check] ? "Signalé" : "Rien à signaler"} — ${CHECK_LABELS[check]}`}
              {check === "volumeJump" && checks.volumeJumps.length > 0
                ? ` : ${checks.volumeJumps.map((j) => `${PRODUCTS[j.product].label} ${formatQuantity(j.volumeMilli, PRODUCTS[j.product].unit)} contre ${formatQuantity(j.previousMilli, PRODUCTS[j.product].unit)} l'année précédente`).join(" ; ")}`
                : ""}
              {check === "bankDetails" && checks.bank
                ? ` : ${[checks.bank.recent ? "ajoutées moins de 30 jours avant la transmission" : null, checks.bank.otherStructures > 0 ? `IBAN aussi utilisé par ${checks.bank.otherStructures} autre${checks.bank.otherStructures > 1 ? "s" : ""} structure${checks.bank.otherStructures > 1 ? "s" : ""}` : null].filter(Boolean).join(", ")}`
                : ""}
            </li>
          ))}
        </ul>
      </section>

      <section className={section} aria-labelledby="exploitation">
        <h2 id="exploitation" className="text-xl font-bold">
          L&apos;exploitation
        </h2>
        <dl className="mt-3 term-list">
          <dt className="font-semibold">SIRET</dt>
          <dd>{formatSiret(structure.siret)}</dd>
          <dt className="font-semibold">Répertoire SIRENE</dt>
          <dd>{`${structure.name} — ${[structure.street, structure.complement, structure.postalCode, structure.city].filter(Boolean).join(" ")} — ${describeNaf(structure.nafCode)} — ${describeLegalCategory(structure.legalCategory)} — ${structure.status === "active" ? "établissement actif" : "établissement fermé"}`}</dd>
          <dt className="font-semibold">Vérification</dt>
          <dd>{`Structure ${VERIFICATION[structure.verificationStatus]}`}</dd>
          <dt className="font-semibold">Numéro PACAGE</dt>
          <dd>{file.settings.pacage ?? "non renseigné"}</dd>
          <dt className="font-semibold">Catégorie de bénéficiaire</dt>
          <dd>{categoryLabel(file.settings.beneficiaryCategory)}</dd>
          <dt className="font-semibold">Centre mandaté</dt>
          <dd>{centres.length > 0 ? centres.map((c) => `${c.name} (SIRET ${formatSiret(c.siret)})`).join(", ") : "aucun"}</dd>
        </dl>
        <h3 className="mt-4 font-semibold">Demandes précédentes (volumes par année et produit)</h3>
        {history.length === 0 ? (
          <p className="mt-1">Aucune autre demande transmise.</p>
        ) : (
          <ul className="mt-1 list-disc pl-6">
            {history.map((h) => (
              <li
                key={`${h.year}-${h.product}`}
              >{`${h.year} — ${PRODUCTS[h.product].label} : ${formatQuantity(h.volumeMilli, PRODUCTS[h.product].unit)}, ${formatEuros(h.amountCents)} (${STATUS_LABELS[h.status]})`}</li>
            ))}
          </ul>
        )}
      </section>

      <section className={section} aria-labelledby="banque">
        <h2 id="banque" className="text-xl font-bold">
          Références bancaires transmises
        </h2>
        {bankAccount ? (
          <p className="mt-2">
            {`${bankAccount.holder} — IBAN ${formatIban(bankAccount.iban)} — BIC ${bankAccount.bic} — `}
            <a href={doc(bankAccount.ribFileId)} target="_blank" rel="noopener noreferrer">
              Ouvrir le RIB (nouvel onglet)
            </a>
          </p>
        ) : (
          <p className="mt-2">Aucune.</p>
        )}
      </section>

      <section className={section} aria-labelledby="lignes">
        <h2 id="lignes" className="text-xl font-bold">{`Lignes (${lines.length}) — total ${formatEuros(file.totalCents)}`}</h2>
        <div className="mt-3">
          <TableRegion label="Tableau des lignes de la demande">
            <table className="table-cards w-full border-collapse text-left text-sm">
              <caption className="sr-only">Lignes de la demande, avec le taux, sa nature, le montant et les contrôles</caption>
              <thead>
                <tr className="border-b-2 border-gray-400">
                  <th scope="col" className="p-2">
                    N° de facture
                  </th>
                  <th scope="col" className="p-2">
                    Livraison
                  </th>
                  <th scope="col" className="p-2">
                    Produit
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
                  {decided ? (
                    <th scope="col" className="p-2 text-right">
                      Accordé
                    </th>
                  ) : null}
                  <th scope="col" className="p-2">
                    Facture et contrôles
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => {
                  const decision = accepted.get(line.id);
                  return (
                    <tr key={line.id} className="border-b border-gray-300 align-top">
                      <th scope="row" className="p-2">
                        {line.invoiceNumber}
                      </th>
                      <td data-label="Livraison" className="p-2">
                        {formatIsoShortDay(line.deliveryDate)}
                      </td>
                      <td data-label="Produit" className="p-2">
                        {PRODUCTS[line.product].label}
                      </td>
                      <td data-label="Volume" className="p-2 text-right whitespace-nowrap">
                        {formatQuantity(line.volumeMilli, PRODUCTS[line.product].unit)}
                      </td>
                      <td data-label="Taux" className="p-2 text-right whitespace-nowrap">
                        {`${formatRate(line.rateMilliEuros)} €`}
                        <span className="block text-xs text-gray-700">
                          {line.rateKind ? `taux ${RATE_KIND_LABELS[line.rateKind]}` : "nature non indiquée"}
                        </span>
                      </td>
                      <td data-label="Montant" className="p-2 text-right whitespace-nowrap">
                        {formatEuros(line.amountCents)}
                      </td>
                      {decided ? (
                        <td data-label="Accordé" className="p-2 text-right">
                          {decision?.acceptedAmountCents != null ? formatEuros(decision.acceptedAmountCents) : "—"}
                          {decision?.reductionMotive ? (
                            <span className="block text-xs">{`${formatQuantity(decision.acceptedVolumeMilli ?? 0, PRODUCTS[line.product].unit)} — ${decision.reductionMotive}`}</span>
                          ) : null}
                        </td>
                      ) : null}
                      <td data-label="Facture et contrôles" className="p-2">
                        {line.invoiceFileId ? (
                          <a
                            href={doc(line.invoiceFileId)}
                            target="_blank"
                            rel="noopener noreferrer"
                          >{`Ouvrir la facture ${line.invoiceNumber} (nouvel onglet)`}</a>
                        ) : (
                          <strong className="text-error">manquante</strong>
                        )}
                        {lineChecks(line.id).map((text) => (
                          <span key={text} className="block text-xs font-semibold text-error">
                            {text}
                          </span>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        </div>
      </section>

      <section className={section} aria-labelledby="messages">
        <h2 id="messages" className="text-xl font-bold">
          Messages
        </h2>
        {messages.length === 0 ? (
          <p className="mt-2">Aucun message.</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {messages.map((m) => (
              <li
                key={m.id}
                className={`rounded border-l-4 p-3 ${m.authorAgentId ? "border-slate-900 bg-slate-50" : "border-brand bg-blue-50"}`}
              >
                <p className="text-sm font-semibold">{`${formatDayTime(m.at)} — ${m.authorAgentId ? `${m.agentFirstName} ${m.agentLastName} (administration)` : `${m.userFirstName} ${m.userLastName} (exploitation)`}`}</p>
                <p className="mt-1 whitespace-pre-line">{m.body}</p>
                {m.invoiceNumbers.length > 0 ? (
                  <p className="mt-1 text-sm">{`Lignes concernées : factures ${m.invoiceNumbers.join(", ")}`}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className={section} aria-labelledby="suivi">
        <h2 id="suivi" className="text-xl font-bold">
          Suivi
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {events.map((e) => (
            <li key={e.id}>
              {`${formatDayTime(e.at)} — ${STATUS_LABELS[e.status]} — ${e.agentFirstName ? `${e.agentFirstName} ${e.agentLastName}` : e.userFirstName ? `${e.userFirstName} ${e.userLastName}` : "l'administration"}`}
              {e.motif ? ` — ${e.motif}` : ""}
            </li>
          ))}
        </ul>
      </section>

      <section className={section} aria-labelledby="actions">
        <h2 id="actions" className="text-xl font-bold">
          Instruire
        </h2>
        {TAKEABLE.includes(request.status) && !mine ? (
          <>
            <p className="mt-2">
              {instructor
                ? "Un autre instructeur suit cette demande : vous pouvez la reprendre (tracé)."
                : "Personne ne suit encore cette demande."}
            </p>
            <TakeChargeForm requestId={request.id} takeOver={instructor !== null} />
          </>
        ) : null}
        {request.status === "processing" && mine ? (
          <>
            <h3 className="mt-6 text-lg font-semibold">Demander un complément</h3>
            <ComplementForm requestId={request.id} lines={choices} />
            <h3 className="mt-6 text-lg font-semibold">Accepter</h3>
            <AcceptForm requestId={request.id} lines={choices} />
          </>
        ) : null}
        {(request.status === "processing" || request.status === "incomplete") && mine ? (
          <>
            <h3 className="mt-6 text-lg font-semibold">Rejeter</h3>
            <RejectForm requestId={request.id} />
          </>
        ) : null}
        {request.status === "incomplete" && mine ? (
          <p className="mt-2">
            La demande attend le complément de l&apos;exploitation : elle revient « En instruction » quand elle est transmise de nouveau.
          </p>
        ) : null}
        {!TAKEABLE.includes(request.status) ? (
          <p className="mt-2">{`La demande est « ${STATUS_LABELS[request.status]} » : il n'y a plus rien à instruire.`}</p>
        ) : null}
      </section>
    </div>
  );
}
