import { InlineAction } from "@/app/_components/inline-action";
import { formatDay } from "@/lib/dates";
import { VERIFICATION, type VerificationState } from "@/lib/structures/verification";
import { requestLetterAction } from "../../actions";
import { VerifyStructureForm } from "./structure-forms";

const section = "mt-8 rounded border bg-white p-6";

/** « Vérification de la structure »: where it stands, and the one thing to do next. */
export function VerificationSection({ structureId, state }: { structureId: number; state: VerificationState }) {
  if (state.status === "verified") {
    return (
      <section id="verification" tabIndex={-1} className={`${section} border-gray-300`} aria-labelledby="verifier-structure">
        <h2 id="verifier-structure" className="text-xl font-bold">
          Vérification de la structure
        </h2>
        <p className="mt-2">
          <span className="rounded bg-green-100 px-2 py-0.5 font-semibold text-green-900">Structure vérifiée</span>
          {state.verifiedAt ? ` le ${formatDay(state.verifiedAt)}` : ""}. Ses demandes de remboursement peuvent être transmises.
        </p>
      </section>
    );
  }
  if (state.status === "suspended") {
    return (
      <section id="verification" tabIndex={-1} className={`${section} border-error`} aria-labelledby="verifier-structure">
        <h2 id="verifier-structure" className="text-xl font-bold">
          Vérification de la structure
        </h2>
        <p className="mt-2">
          <span className="rounded bg-red-100 px-2 py-0.5 font-semibold text-red-900">Structure suspendue</span> après une contestation de
          sa gestion : aucune demande de remboursement ne peut être transmise. Nos services vous ont écrit ; répondez-leur avec un
          justificatif (extrait Kbis, statuts, pièce d&apos;identité du représentant légal).
        </p>
      </section>
    );
  }
  const letter = state.letter;
  return (
    <section id="verification" tabIndex={-1} className={`${section} border-2 border-brand`} aria-labelledby="verifier-structure">
      <h2 id="verifier-structure" className="text-xl font-bold">
        Vérifier la structure
      </h2>
      <p className="mt-2">
        <span className="rounded bg-yellow-100 px-2 py-0.5 font-semibold text-yellow-900">Structure non vérifiée</span> : rien ne montre
        encore que vous agissez pour cet établissement. Tant qu&apos;elle n&apos;est pas vérifiée, vous pouvez tout préparer, mais aucune
        demande de remboursement ne peut être transmise.
      </p>
      <p className="mt-2">
        Un courrier contenant un code à usage unique est envoyé par la poste à l&apos;adresse de l&apos;établissement connue de la base
        INSEE (SIRENE) : comptez une semaine environ. Saisissez ce code ci-dessous dès réception.
      </p>
      {letter ? (
        <p className="mt-2 text-sm">
          {`Courrier préparé le ${formatDay(letter.createdAt)}${letter.sentAt ? `, posté le ${formatDay(letter.sentAt)}` : ", en attente d'envoi"} ; code valable jusqu'au ${formatDay(letter.expiresAt)}, ${VERIFICATION.attemptsPerLetter} essais au plus.`}
          {/* The remaining tries are said by the form after a wrong code: a count here would be the page's, stale after it. */}
        </p>
      ) : (
        <p className="mt-2 text-sm font-semibold">
          {state.lastLetterEnded === "expired"
            ? "Le code du dernier courrier a expiré : demandez un nouveau courrier."
            : state.lastLetterEnded === "spent"
              ? "Le code du dernier courrier a reçu trop d'essais erronés : demandez un nouveau courrier."
              : "Aucun courrier n'est en cours : demandez-en un."}
        </p>
      )}
      {letter ? <VerifyStructureForm structureId={structureId} /> : null}
      <div className="mt-4 border-t border-gray-300 pt-4">
        {state.canRequestLetter ? (
          <>
            <p className="mb-2 text-sm">
              {`Courrier perdu ou code expiré ? Un nouveau courrier remplace le précédent (${VERIFICATION.lettersPerPeriod} courriers au plus en ${VERIFICATION.letterPeriodDays} jours).`}
            </p>
            <InlineAction action={requestLetterAction} fields={{ structureId }} label="Recevoir un nouveau courrier" />
          </>
        ) : (
          <p className="text-sm">
            {`Vous avez demandé ${VERIFICATION.lettersPerPeriod} courriers ces ${VERIFICATION.letterPeriodDays} derniers jours. Sans nouvelles, écrivez à nos services avec un justificatif (extrait Kbis, statuts) : ils peuvent vérifier la structure sur pièces.`}
          </p>
        )}
      </div>
    </section>
  );
}
