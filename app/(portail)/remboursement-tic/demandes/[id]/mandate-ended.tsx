import Link from "next/link";
import type { endedMandateOnRequest } from "@/lib/mandates/queries";

/**
 * What a request's page shows, instead of « Page introuvable », to the user of a structure whose
 * mandate on the farm has ended (issue 21): why they no longer see it, and where to go.
 */
export function MandateEndedPanel({ ended }: { ended: NonNullable<ReturnType<typeof endedMandateOnRequest>> }) {
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">{`Demande de remboursement TIC ${ended.year} de ${ended.farmName}`}</h1>
      <p role="status" className="mt-4 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4">
        {`Le mandat de ${ended.agentName} sur ${ended.farmName} ${ended.endedText} : vous n'avez plus accès à ses demandes de remboursement. Ce qui a été préparé ou transmis reste à l'exploitation. Pour y travailler de nouveau, son gestionnaire principal doit vous donner un nouveau mandat, ou accepter celui que votre structure lui demande.`}
      </p>
      <ul className="mt-4 space-y-2">
        <li>
          <Link href={`/mandats/${ended.mandateId}`}>Voir ce mandat</Link>
        </li>
        <li>
          <Link href="/portefeuille">Portefeuille de vos clients</Link>
        </li>
      </ul>
    </div>
  );
}
