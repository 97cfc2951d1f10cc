import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { fixQuoteSpaces } from "@/lib/typography";

const STEPS = [
  ["Créer votre compte", "Vos coordonnées, puis l'activation par un lien reçu par courriel : mot de passe et question secrète."],
  ["Rattacher votre structure", "Retrouvez votre exploitation par son n° de SIRET, ou créez-la à partir de la base INSEE."],
  [
    "Ouvrir l'espace « Demande de remboursement TIC »",
    "Le gestionnaire principal de la structure l'ouvre, avec le n° PACAGE et la catégorie de bénéficiaire.",
  ],
  ["S'abonner à l'espace", "Les autres personnes rattachées demandent un abonnement ; le gestionnaire principal le valide."],
] as const;

export default async function HomePage() {
  if (await getCurrentActor()) redirect("/accueil");
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">Demandez le remboursement partiel de TIC de votre exploitation</h1>
      <p className="mt-4 text-lg">
        Exploitants agricoles, entreprises de travaux agricoles, CUMA : le Portail TIC vous mène de la création de votre compte au dépôt de
        votre demande de remboursement de taxe intérieure de consommation sur le gazole non routier, le fioul lourd, le GPL et le gaz
        naturel.
      </p>
      <h2 className="mt-8 text-2xl font-bold">Quatre étapes, une seule fois</h2>
      <ol className="mt-4 space-y-4">
        {STEPS.map(([title, text], index) => (
          <li key={title} className="flex gap-4 rounded border border-gray-300 bg-white p-4">
            <span
              aria-hidden="true"
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand font-bold text-white"
            >
              {index + 1}
            </span>
            <div>
              <h3 className="font-semibold">{fixQuoteSpaces(`Étape ${index + 1} : ${title}`)}</h3>
              <p>{fixQuoteSpaces(text)}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="mt-4">Vos nouveaux droits s&apos;appliquent tout de suite : inutile de vous déconnecter puis de vous reconnecter.</p>
      <h2 className="mt-8 text-xl font-bold">Avant de commencer, munissez-vous de :</h2>
      <ul className="mt-2 list-disc pl-6">
        <li>le n° de SIRET de votre entreprise ;</li>
        <li>votre adresse électronique ;</li>
        <li>l&apos;adresse postale de votre entreprise ;</li>
        <li>votre numéro PACAGE, si vous en avez un (il figure sur vos déclarations PAC) ;</li>
        <li>un RIB au nom de l&apos;entreprise (PDF, PNG ou JPEG) ;</li>
        <li>les factures de carburant ou de combustible de l&apos;année, avec l&apos;adresse de livraison (une copie de chacune).</li>
      </ul>
      <div className="mt-8 flex flex-wrap gap-4">
        <Link href="/inscription" className="rounded bg-brand px-5 py-3 font-semibold text-white no-underline hover:bg-brand-dark">
          Créer votre compte
        </Link>
        <Link href="/connexion" className="rounded border-2 border-brand px-5 py-3 font-semibold text-brand no-underline">
          Se connecter
        </Link>
      </div>
    </div>
  );
}
