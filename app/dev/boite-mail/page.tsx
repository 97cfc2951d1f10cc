import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableRegion } from "@/app/_components/table-region";
import { listOutbox } from "@/lib/mail/mailbox";
import { devMailboxOpen } from "@/lib/mail/mailbox-access";
import { formatShortDayTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Boîte d'envoi (développement)", robots: { index: false } };

const STATUS = { pending: "en attente", sending: "en cours d'envoi", sent: "envoyé", failed: "abandonné" } as const;
/** Exists only with the local outbox, for a person on this machine (lib/mail/mailbox-access.ts): it shows live links. */
export default async function DevMailboxPage() {
  if (!(await devMailboxOpen())) notFound();
  const mails = listOutbox();
  return (
    <div>
      <h1 className="text-3xl font-bold text-brand">Boîte d&apos;envoi</h1>
      <p className="mt-2">
        En local, les courriels ne partent pas : ils sont conservés ici. Les 100 derniers, du plus récent au plus ancien.
      </p>
      {mails.length === 0 ? (
        <p className="mt-6">Aucun courriel pour l&apos;instant.</p>
      ) : (
        <TableRegion label="Courriels de la boîte d'envoi">
          <table className="mt-6 w-full border-collapse bg-white text-left">
            <caption className="sr-only">Courriels de la boîte d&apos;envoi</caption>
            <thead>
              <tr className="border-b-2 border-gray-400">
                <th scope="col" className="p-2">
                  Date
                </th>
                <th scope="col" className="p-2">
                  Destinataire
                </th>
                <th scope="col" className="p-2">
                  Objet
                </th>
                <th scope="col" className="p-2">
                  État
                </th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.id} className="border-b border-gray-300">
                  <td className="p-2">{formatShortDayTime(mail.createdAt)}</td>
                  <td className="p-2">{mail.to}</td>
                  <td className="p-2">
                    <Link href={`/dev/boite-mail/${mail.id}`}>{mail.subject}</Link>
                  </td>
                  <td className="p-2">{STATUS[mail.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
