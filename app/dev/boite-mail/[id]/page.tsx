import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readOutboxMail } from "@/lib/mail/mailbox";
import { devMailboxOpen } from "@/lib/mail/mailbox-access";

export const metadata: Metadata = { title: "Courriel (développement)", robots: { index: false } };

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await devMailboxOpen())) notFound();
  const { id } = await params;
  const mail = /^\d+$/.test(id) ? await readOutboxMail(Number(id)) : null;
  if (!mail) notFound();
  return (
    <div>
      <p>
        <Link href="/dev/boite-mail">Retour à la boîte d&apos;envoi</Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold text-brand">{mail.subject}</h1>
      <p className="mt-2">{`À : ${mail.to}`}</p>
      {mail.links.length > 0 ? (
        <>
          <h2 className="mt-6 text-xl font-bold">Liens du courriel</h2>
          <ul className="mt-2 list-disc pl-6">
            {mail.links.map((href) => (
              <li key={href}>
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="mt-6 text-xl font-bold">Aperçu</h2>
      {mail.html ? (
        <iframe
          title={`Aperçu du courriel : ${mail.subject}`}
          srcDoc={mail.html}
          sandbox="allow-top-navigation-by-user-activation"
          className="mt-2 h-[640px] w-full border border-gray-400 bg-white"
        />
      ) : (
        <p className="mt-2">Contenu effacé après l&apos;envoi.</p>
      )}
    </div>
  );
}
