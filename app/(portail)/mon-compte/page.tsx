import type { Metadata } from "next";
import { getProfile } from "@/lib/accounts/profile";
import { requireActor } from "@/lib/auth/require-actor";
import { formatSiret } from "@/lib/identifiers";
import { myAttachments } from "@/lib/structures/queries";
import { mySubscriptions } from "@/lib/spaces/queries";
import { AttachmentsSection } from "./attachments-section";
import { SubscriptionsSection } from "./subscriptions-section";
import { digestSetting } from "@/lib/mail/digest";
import { DailyDigestForm, PasswordForm, ProfileForm, SecretQuestionForm } from "./account-forms";

export const metadata: Metadata = { title: "Mon compte" };

const section = "mt-10 rounded border border-gray-300 bg-white p-6";

export default async function MyAccountPage() {
  const actor = await requireActor();
  const profile = getProfile(actor);
  const digest = digestSetting(actor.userId);
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">Mon compte</h1>
      <dl className="mt-4 term-list">
        <dt className="font-semibold">Adresse électronique de connexion</dt>
        <dd>{profile.loginEmail}</dd>
        <dt className="font-semibold">N° de SIRET saisi à l&apos;inscription</dt>
        <dd>{formatSiret(profile.siret)}</dd>
        <dt className="font-semibold">Adresse de l&apos;entreprise</dt>
        <dd>{profile.address}</dd>
      </dl>
      <section className={section} aria-labelledby="titre-informations">
        <h2 id="titre-informations" className="mb-4 text-xl font-bold">
          Informations personnelles
        </h2>
        <ProfileForm profile={profile} />
      </section>
      <section id="rattachements" className={section} aria-labelledby="titre-rattachements">
        <h2 id="titre-rattachements" className="mb-4 text-xl font-bold">
          Mes rattachements
        </h2>
        <AttachmentsSection rows={myAttachments(actor)} />
      </section>
      <section id="abonnements" className={section} aria-labelledby="titre-abonnements">
        <h2 id="titre-abonnements" className="mb-4 text-xl font-bold">
          Mes abonnements aux espaces
        </h2>
        <SubscriptionsSection rows={mySubscriptions(actor.userId)} />
      </section>
      {digest.offered ? (
        <section id="courriels" className={section} aria-labelledby="titre-courriels">
          <h2 id="titre-courriels" className="mb-4 text-xl font-bold">
            Courriels
          </h2>
          <DailyDigestForm chosen={digest.chosen} />
        </section>
      ) : null}
      <section className={section} aria-labelledby="titre-mot-de-passe">
        <h2 id="titre-mot-de-passe" className="mb-4 text-xl font-bold">
          Mot de passe
        </h2>
        <p className="mb-4 text-sm">Modifier votre mot de passe ferme vos sessions ouvertes sur d&apos;autres appareils.</p>
        <PasswordForm />
      </section>
      <section className={section} aria-labelledby="titre-question">
        <h2 id="titre-question" className="mb-4 text-xl font-bold">
          Question secrète
        </h2>
        <SecretQuestionForm current={profile.secretQuestion} />
      </section>
    </div>
  );
}
