import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { parisToday } from "@/lib/dates";
import { mandatesHome } from "@/lib/mandates/queries";
import { currentStructureOnce } from "@/lib/page-reads";
import { MandateForm } from "./mandate-form";

export const metadata: Metadata = { title: "Nouveau mandat" };

/**
 * A farm's gestionnaire principal gives a mandate; a centre de gestion's asks one of a client farm
 * (a farm may ask too, with « ?sens=demander »: one farmer may file for another).
 */
export default async function NewMandatePage({ searchParams }: { searchParams: Promise<{ sens?: string }> }) {
  const actor = await requireActor();
  // While working on a client farm: one's own structure that holds its mandate (issue 21).
  const { current: worked, all } = currentStructureOnce(actor.userId);
  const current = mandatesHome(actor.userId, worked, all);
  const mayGive = current !== null && can(actor, "mandate.give", { structureId: current.id });
  const mayAsk = current !== null && can(actor, "mandate.request", { structureId: current.id });
  const direction = mayGive && (await searchParams).sens !== "demander" ? "give" : mayAsk ? "ask" : null;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">{direction === "give" ? "Donner un mandat" : "Demander un mandat"}</h1>
      {current === null || direction === null ? (
        <p className="mt-4">
          Seul le gestionnaire principal d&apos;une structure peut donner ou demander un mandat en son nom. Choisissez une structure dont
          vous êtes le gestionnaire principal en haut de la page, ou voyez <Link href="/mandats">les mandats de votre structure</Link>.
        </p>
      ) : direction === "give" ? (
        <>
          <p className="mt-2">
            {`Le mandat permet aux utilisateurs d'une autre structure — votre centre de gestion, votre expert-comptable — de travailler sur l'espace « Demande de remboursement TIC » de ${current.name}, avec les droits que vous choisissez. Il ne leur permet jamais de gérer vos utilisateurs, vos espaces ni vos références bancaires. Vous pouvez y mettre fin à tout moment.`}
          </p>
          <MandateForm direction="give" structureId={current.id} today={parisToday()} />
          {mayAsk ? (
            <p className="mt-8 text-sm">
              Vous déposez pour une autre exploitation ?{" "}
              <Link href="/mandats/nouveau?sens=demander">Demander un mandat à cette exploitation</Link>.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="mt-2">
            {`Demandez à une exploitation cliente un mandat sur son espace « Demande de remboursement TIC », au nom de ${current.name}. Son gestionnaire principal l'accepte ou le refuse en un clic ; vous recevrez un courriel de sa décision. Une fois accepté, l'exploitation apparaît dans votre portefeuille.`}
          </p>
          <MandateForm direction="ask" structureId={current.id} today={parisToday()} />
        </>
      )}
    </div>
  );
}
