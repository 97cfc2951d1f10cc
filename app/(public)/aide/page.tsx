import type { Metadata } from "next";
import Link from "next/link";
import { ACTIVATION_VALIDITY_MINUTES } from "@/lib/accounts/mail-tokens";
import { RETENTION_DAYS } from "@/lib/privacy/retention";

export const metadata: Metadata = { title: "Aide" };

/** The ten questions people ask, answered in the portal's own words and links. */
const QUESTIONS: { id: string; question: string; answer: React.ReactNode }[] = [
  {
    id: "courriel-activation",
    question: "Je n'ai pas reçu le courriel d'activation",
    answer: (
      <>
        <p>
          Il arrive en quelques minutes à l&apos;adresse de connexion que vous avez saisie. Regardez dans les courriels
          indésirables (spam). Le lien est valable {ACTIVATION_VALIDITY_MINUTES} minutes : passé ce délai, ou si rien n&apos;est
          arrivé, <Link href="/activation/renvoyer">demandez un nouveau lien d&apos;activation</Link>.
        </p>
        <p>
          Un compte jamais activé est supprimé au bout de {RETENTION_DAYS.unactivatedAccount} jours : vous pourrez alors vous
          inscrire de nouveau avec la même adresse.
        </p>
      </>
    ),
  },
  {
    id: "mot-de-passe",
    question: "J'ai oublié mon mot de passe",
    answer: (
      <p>
        Sur la page « Se connecter », choisissez <Link href="/mot-de-passe-oublie">« Mot de passe oublié »</Link> : vous recevez un
        lien par courriel, vous répondez à votre question secrète, puis vous choisissez un nouveau mot de passe.
      </p>
    ),
  },
  {
    id: "gestionnaire-absent",
    question: "Le gestionnaire principal de ma structure ne répond pas",
    answer: (
      <>
        <p>
          Votre demande de rattachement ou d&apos;abonnement reste « En attente de validation » : il a reçu un courriel, et il la
          voit dans « Activités du gestionnaire ». Son nom est affiché dans « Mon compte ». Le plus simple est de le contacter
          directement.
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
        Une structure ne peut être créée que pour un établissement actif dans la base INSEE (SIRENE). Après un déménagement ou
        un changement de forme (par exemple d&apos;exploitant individuel à EARL), votre exploitation a un nouveau n° de SIRET :
        il figure sur vos factures récentes et sur votre avis de situation SIRENE. Utilisez ce nouveau numéro.
      </p>
    ),
  },
  {
    id: "annee",
    question: "Pour quelle année déposer ma demande ?",
    answer: (
      <p>
        L&apos;année de la demande est l&apos;année de livraison inscrite sur vos factures. Une demande pour l&apos;année N peut être
        déposée jusqu&apos;au 31 décembre de l&apos;année N+3. Une seule demande par structure et par année : ajoutez-y une ligne
        par facture.
      </p>
    ),
  },
  {
    id: "taux",
    question: "Quel taux de remboursement s'applique ?",
    answer: (
      <p>
        Le portail applique tout seul le taux du produit (gazole non routier, fioul lourd, GPL, gaz naturel) pour l&apos;année de
        livraison, avec la source officielle du taux. Quand aucun taux officiel n&apos;est connu pour un produit et une année, la
        ligne est refusée et le portail vous le dit.
      </p>
    ),
  },
  {
    id: "deleguer",
    question: "Comment confier mes demandes à mon centre de gestion ou à mon comptable ?",
    answer: (
      <p>
        Votre comptable crée son propre compte, puis demande un rattachement à votre structure avec votre n° de SIRET. Vous
        validez sa demande dans « Activités du gestionnaire », puis son abonnement à l&apos;espace « Demande de remboursement
        TIC » avec le droit « Modification ». Vous pouvez y mettre fin à tout moment.
      </p>
    ),
  },
  {
    id: "plusieurs-exploitations",
    question: "J'ai plusieurs exploitations (plusieurs n° de SIRET)",
    answer: (
      <p>
        Un seul compte suffit : rattachez-le à chaque structure. En haut des pages, la liste « Structure » permet de passer de
        l&apos;une à l&apos;autre.
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
        Une demande transmise reçoit une référence et le statut « Mise à disposition » ; vous recevez un courriel et un accusé de
        réception à télécharger. Chaque nouveau statut (en instruction, à compléter, mise en paiement, rejetée) s&apos;affiche
        avec sa date sur la page de la demande et vous est envoyé par courriel.
      </p>
    ),
  },
];

export default function HelpPage() {
  return (
    <article className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">Aide</h1>
      <p className="mt-4">Les questions qu&apos;on nous pose le plus souvent. Vous ne trouvez pas la réponse ? <Link href="/contact">Contactez-nous</Link>.</p>
      <nav aria-label="Questions" className="mt-6">
        <ul className="list-disc space-y-1 pl-6">
          {QUESTIONS.map((q) => (
            <li key={q.id}>
              <a href={`#${q.id}`} className="touch-target inline-flex items-center">{q.question}</a>
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
