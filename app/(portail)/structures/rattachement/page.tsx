import type { Metadata } from "next";
import Link from "next/link";
import { Field } from "@/app/_components/field";
import { StepIndicator } from "@/app/_components/step-indicator";
import { getProfile } from "@/lib/accounts/profile";
import { requireActor } from "@/lib/auth/require-actor";
import { parseForm } from "@/lib/forms";
import { formatSiret } from "@/lib/identifiers";
import { IDENTIFIER_TYPES, searchSchema } from "@/lib/structures/schemas";
import { activeServices } from "@/lib/structures/queries";
import { searchStructure } from "@/lib/structures/search";
import { RequestAttachmentForm } from "./request-attachment-form";
import { formatAddress } from "@/lib/addresses";

export const metadata: Metadata = { title: "Demander un rattachement" };

type Search = Promise<{ identifiant?: string; type?: string }>;

export default async function AttachmentSearchPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const params = await searchParams;
  const submitted = typeof params.identifiant === "string";
  const parsed = submitted ? parseForm(searchSchema, { identifier: params.identifiant, identifierType: params.type ?? "siret" }) : null;
  const result = parsed?.ok ? searchStructure(actor, parsed.data.identifier) : null;
  const error = parsed && !parsed.ok ? parsed.fieldErrors.identifier : undefined;
  // The SIRET given at sign-up is proposed first.
  const proposed = submitted ? params.identifiant! : formatSiret(getProfile(actor).siret);
  return (
    <div className="max-w-3xl">
      <StepIndicator current={2} done={[1]} />
      <h1 className="text-3xl font-bold text-brand">Demander un rattachement</h1>
      <p className="mt-2">
        Une structure représente l&apos;entité pour laquelle vous utilisez le portail (une exploitation agricole, une CUMA…). Recherchez-la
        par son n° de SIRET.
      </p>
      <form method="get" className="mt-6" role="search" aria-label="Recherche d'une structure">
        {error ? (
          <p role="alert" className="mb-4 rounded border-l-4 border-error bg-red-50 p-4 font-semibold">
            {error}
          </p>
        ) : null}
        <Field
          name="identifiant"
          label="Identifiant"
          hint="Le n° de SIRET de la structure : 14 chiffres, espaces permis."
          defaultValue={proposed}
          inputMode="numeric"
          error={error}
        />
        {/* One kind of identifier today: said, not offered as a one-option list. */}
        <input type="hidden" name="type" value="siret" />
        <p className="mb-4">Type d&apos;identifiant : {IDENTIFIER_TYPES[0].label}</p>
        <button type="submit" className="rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
          Rechercher
        </button>
      </form>
      {result?.kind === "on-portal" ? (
        <section aria-labelledby="resultat" className="mt-8 rounded border border-gray-300 bg-white p-6">
          <h2 id="resultat" className="text-xl font-bold">
            Structure trouvée
          </h2>
          <dl className="mt-3 term-list">
            <dt className="font-semibold">Désignation</dt>
            <dd>{result.structure.name}</dd>
            <dt className="font-semibold">N° de SIRET</dt>
            <dd>{formatSiret(result.structure.siret)}</dd>
            <dt className="font-semibold">Adresse</dt>
            <dd>{formatAddress(result.structure)}</dd>
            <dt className="font-semibold">Gestionnaire principal</dt>
            <dd>{result.managerName}</dd>
          </dl>
          {result.mine?.status === "approved" ? (
            <p className="mt-4 font-semibold">Votre compte est déjà rattaché à cette structure.</p>
          ) : result.mine?.status === "pending" ? (
            <p className="mt-4 font-semibold">{`Votre demande est en attente de validation par ${result.managerName}.`}</p>
          ) : (
            <RequestAttachmentForm
              siret={result.structure.siret}
              managerName={result.managerName}
              services={activeServices(result.structure.id)}
            />
          )}
          {result.isMine ? null : (
            <p className="mt-6 border-t border-gray-300 pt-4 text-sm">
              Vous dirigez cette entreprise et ne connaissez pas ce gestionnaire principal ?{" "}
              <Link href={`/structures/contestation?structure=${result.structure.id}`}>Contester la gestion</Link>
            </p>
          )}
        </section>
      ) : null}
      {result?.kind === "not-on-portal" ? (
        <section aria-labelledby="resultat" className="mt-8 rounded border border-gray-300 bg-white p-6">
          <h2 id="resultat" className="text-xl font-bold">
            Cette structure n&apos;est pas encore inscrite sur le portail
          </h2>
          <p className="mt-2">
            Si c&apos;est votre entreprise, inscrivez-la : ses informations seront reprises de la base INSEE et vous en deviendrez le
            gestionnaire principal.
          </p>
          <p className="mt-4">
            <Link
              href={`/structures/nouvelle/validation?siret=${result.siret}`}
              className="inline-block rounded bg-brand px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-dark"
            >
              Saisir une nouvelle structure
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
