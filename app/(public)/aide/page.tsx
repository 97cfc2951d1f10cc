import type { Metadata } from "next";
import Link from "next/link";
import { ACTIVATION_VALIDITY_MINUTES } from "@/lib/accounts/mail-tokens";
import { RETENTION_DAYS } from "@/lib/privacy/retention";
import { CLOSING_WINDOW_DAYS } from "@/lib/refunds/closing";

export const metadata: Metadata = { title: "Aide" };

/** The questions people ask, answered in the portal's own words and links. */
const QUESTIONS: { id: string; question: string; answer: React.ReactNode }[] = [
  {
    id: "courriel-activation",
    question: "Je n'ai pas reçu le courriel d'activation",
    answer: (
      <>
        <p>
          Il arrive en quelques minutes à l&apos;adresse de connexion que vous avez saisie. Regardez dans les courriels indésirables (spam).
          Le lien est valable {ACTIVATION_VALIDITY_MINUTES} minutes : passé ce délai, ou si rien n&apos;est arrivé,{" "}
          <Link href="/activation/renvoyer">demandez un nouveau lien d&apos;activation</Link>.
        </p>
        <p>
          Un compte jamais activé est supprimé au bout de {RETENTION_DAYS.unactivatedAccount} jours : vous pourrez alors vous inscrire de
          nouveau avec la même adresse.
        </p>
      </>
    ),
  },
  {
    id: "mot-de-passe",
    question: "J'ai oublié mon mot de passe",
    answer: (
      <p>
        Sur la page « Se connecter », choisissez <Link href="/mot-de-passe-oublie">« Mot de passe oublié »</Link> : vous recevez un lien par
        courriel, vous répondez à votre question secrète, puis vous choisissez un nouveau mot de passe.
      </p>
    ),
  },
  {
    id: "gestionnaire-absent",
    question: "Le gestionnaire principal de ma structure ne répond pas",
    answer: (
      <>
        <p>
          Votre demande de rattachement ou d&apos;abonnement reste « En attente de validation » : il a reçu un courriel, et il la voit dans
          « Activités du gestionnaire ». Son nom est affiché dans « Mon compte ». Le plus simple est de le contacter directement.
        </p>
        <p>
          S&apos;il a quitté l&apos;exploitation, il peut transmettre son rôle à une autre personne rattachée avant de partir. Sinon,{" "}
          <Link href="/contact">écrivez-nous</Link> avec le n° de SIRET de la structure.
        </p>
      </>
    ),
  },
  {
    id: "siret-ferme",
    question: "Mon n° de SIRET est refusé : l'établissement est fermé",
    answer: (
      <p>
        Une structure ne peut être créée que pour un établissement actif dans la base INSEE (SIRENE). Après un déménagement ou un changement
        de forme (par exemple d&apos;exploitant individuel à EARL), votre exploitation a un nouveau n° de SIRET : il figure sur vos factures
        récentes et sur votre avis de situation SIRENE. Utilisez ce nouveau numéro.
      </p>
    ),
  },
  {
    id: "annee",
    question: "Pour quelle année déposer ma demande ?",
    answer: (
      <p>
        L&apos;année de la demande est l&apos;année de livraison inscrite sur vos factures. Une demande pour l&apos;année N peut être
        déposée jusqu&apos;au 31 décembre de l&apos;année N+3 (les livraisons de 2023, jusqu&apos;au 31 décembre 2026). Dans les{" "}
        {CLOSING_WINDOW_DAYS} derniers jours, l&apos;accueil, l&apos;espace et le portefeuille l&apos;annoncent. Une seule demande par
        structure et par année : ajoutez-y une ligne par facture.
      </p>
    ),
  },
  {
    id: "taux",
    question: "Quel taux de remboursement s'applique ?",
    answer: (
      <>
        <p>
          Le portail remplit seul le taux d&apos;après le produit et la date de livraison, et montre sa source. Les taux ne sont pas tous
          publiés par l&apos;administration : un taux « officiel » l&apos;est ; un taux « calculé » (livraisons de 2024 et après) est le
          tarif normal de l&apos;accise moins le tarif réduit agricole, faute de barème officiel ; un taux « provisoire » (gaz naturel
          depuis le 1er août 2025) est calculé de même à partir d&apos;un tarif dont une part n&apos;est pas confirmée pour les
          exploitations : l&apos;administration calcule le montant définitif et peut verser moins que le montant affiché.
        </p>
        <p>
          Un carburant sans taux connu pour l&apos;année n&apos;est pas proposé dans la liste (par exemple le gazole non routier livré en
          2025) : gardez la facture, le taux sera ajouté dès qu&apos;une source le donne. La liste complète est sur la page de l&apos;espace
          « Demande de remboursement TIC ».
        </p>
      </>
    ),
  },
  {
    id: "deleguer",
    question: "Comment confier mes demandes à mon centre de gestion ou à mon comptable ?",
    answer: (
      <>
        <p>
          Par un <strong>mandat</strong>, sans que personne du centre ne soit rattaché à votre structure. Dans{" "}
          <Link href="/mandats">« Mandats »</Link>, le gestionnaire principal de votre exploitation choisit « Donner un mandat » et saisit
          le n° de SIRET du centre de gestion ou du cabinet : droit de consultation ou de modification, avec ou sans la transmission, et une
          date de fin si vous le souhaitez. Le centre peut aussi vous le demander : vous l&apos;acceptez ou le refusez d&apos;un clic depuis
          le courriel ou « Activités du gestionnaire ». Si votre exploitation n&apos;est pas encore inscrite, le centre peut vous envoyer
          une invitation par courriel : son lien vous conduit à créer votre compte et votre structure, puis à la demande de mandat qui vous
          attend.
        </p>
        <p>
          Les membres du centre travaillent alors sur vos demandes dans la limite des droits donnés ; ils ne gèrent ni vos membres, ni vos
          espaces, ni vos références bancaires. Chaque étape vous est envoyée par courriel, et vous pouvez mettre fin au mandat à tout
          moment : l&apos;accès s&apos;arrête aussitôt.
        </p>
      </>
    ),
  },
  {
    id: "avance-2024",
    question: "J'ai perçu l'avance de 2024 : que faire ?",
    answer: (
      <>
        <p>
          La demande pour les livraisons de 2024 vous demande « Avez-vous perçu l&apos;avance de 2024 ? » ; répondez oui avec le montant
          reçu, ou non. Elle affiche le solde en toutes lettres : ce que l&apos;administration vous versera, ou le trop-perçu. Un trop-perçu
          ne se rembourse pas dans la demande : il se reversait avec la déclaration de TVA de décembre 2025 (ou un formulaire annexe déposé
          seul), selon le décret et l&apos;arrêté du 21 décembre 2024.
        </p>
        <p>
          Les bénéficiaires de l&apos;avance devaient déposer leur demande 2024 avant le 31 décembre 2025, même sans rien à réclamer (une
          demande sans ligne peut alors être transmise). Passé cette date, l&apos;avance entière est due : la demande le dit, et vous pouvez
          tout de même la transmettre pour vos livraisons de 2024.
        </p>
      </>
    ),
  },
  {
    id: "unites",
    question: "Mes factures sont en litres, en kWh ou en kg : que saisir ?",
    answer: (
      <p>
        Saisissez le volume tel qu&apos;il figure sur la facture et choisissez son unité (« Unité de la facture ») : litres ou hectolitres
        pour le gazole non routier, kWh ou MWh PCS pour le gaz naturel, kg, 100 kg nets ou tonnes pour le fioul lourd et le GPL. Le portail
        convertit (par exemple 48 250 kWh = 48,25 MWh PCS) et affiche le chiffre retenu. Un volume ou un montant inhabituel pour une seule
        facture (souvent des kWh saisis comme des MWh) est signalé avant l&apos;enregistrement : corrigez l&apos;unité, ou confirmez. Dans
        un fichier CSV, le volume est dans l&apos;unité du taux (hl, 100 kg ou MWh).
      </p>
    ),
  },
  {
    id: "plusieurs-exploitations",
    question: "J'ai plusieurs exploitations (plusieurs n° de SIRET)",
    answer: (
      <p>
        Un seul compte suffit : rattachez-le à chaque structure. En haut des pages, la liste « Structure » permet de passer de l&apos;une à
        l&apos;autre.
      </p>
    ),
  },
  {
    id: "deconnexion",
    question: "Dois-je me déconnecter pour que mes nouveaux droits s'appliquent ?",
    answer: <p>Non : un rattachement ou un abonnement validé s&apos;applique dès la page suivante.</p>,
  },
  {
    id: "suivi",
    question: "Ma demande de remboursement est-elle bien partie ?",
    answer: (
      <p>
        Une demande transmise reçoit une référence et le statut « Mise à disposition » ; vous recevez un courriel et un accusé de réception
        à télécharger. Chaque nouveau statut (en instruction, à compléter, mise en paiement, rejetée) s&apos;affiche avec sa date sur la
        page de la demande et vous est envoyé par courriel.
      </p>
    ),
  },
];

export default function HelpPage() {
  return (
    <article className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">Aide</h1>
      <p className="mt-4">
        Les questions qu&apos;on nous pose le plus souvent. Vous ne trouvez pas la réponse ? <Link href="/contact">Contactez-nous</Link>.
      </p>
      <nav aria-label="Questions" className="mt-6">
        <ul className="list-disc space-y-1 pl-6">
          {QUESTIONS.map((q) => (
            <li key={q.id}>
              <a href={`#${q.id}`} className="touch-target inline-flex items-center">
                {q.question}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {QUESTIONS.map((q) => (
        <section key={q.id} aria-labelledby={q.id} className="mt-8 space-y-2">
          <h2 id={q.id} className="text-xl font-bold">
            {q.question}
          </h2>
          {q.answer}
        </section>
      ))}
    </article>
  );
}
