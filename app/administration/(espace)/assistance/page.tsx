import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Field } from "@/app/_components/field";
import { requireAgent } from "@/lib/agents/current-agent";
import { supportStructure, supportUser } from "@/lib/agents/support";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { frenchDelay } from "@/lib/security/rate-limit";
import { DoneNotice } from "@/app/_components/done-notice";
import { SupportActionForm } from "../operator-forms";
import { SiretSearch } from "../siret-search";

export const metadata: Metadata = { title: "Assistance" };

const USER_STATUS = { pending: "en attente d'activation", active: "actif", disabled: "désactivé" } as const;
const ATTACHMENT = {
  pending: "demandé",
  approved: "rattaché",
  refused: "refusé",
  cancelled: "demande retirée",
  revoked: "retiré",
} as const;
const VERIFICATION = { unverified: "non vérifiée", verified: "vérifiée", suspended: "suspendue" } as const;

export default async function SupportPage({ searchParams }: { searchParams: Promise<{ adresse?: string; siret?: string }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("operator")) notFound();
  const params = await searchParams;
  const email = String(params.adresse ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const siret = String(params.siret ?? "").replace(/\s/g, "");
  const user = email ? supportUser(agent, email) : null;
  const structure = /^\d{14}$/.test(siret) ? supportStructure(agent, siret) : null;
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Assistance</h1>
      <DoneNotice />
      <p className="mt-2">
        Retrouvez un utilisateur par son adresse électronique de connexion, ou une structure par son SIRET, dans vos départements. Aucun mot
        de passe, réponse secrète ni lien n&apos;est jamais affiché.
      </p>
      <form action="/administration/assistance" method="get" role="search" className="mt-6 flex flex-wrap items-end gap-3">
        <Field name="adresse" type="email" label="Adresse électronique de connexion" defaultValue={email} className="mb-0" />
        <button type="submit" className="rounded bg-slate-900 px-5 py-2.5 font-semibold text-white">
          Rechercher l&apos;utilisateur
        </button>
      </form>
      <SiretSearch action="/administration/assistance" siret={siret} />
      {email && !user ? (
        <p className="mt-6" role="status">
          Aucun utilisateur de vos départements n&apos;a cette adresse.
        </p>
      ) : null}
      {siret && !structure ? (
        <p className="mt-6" role="status">
          Aucune structure de vos départements n&apos;a ce n° de SIRET.
        </p>
      ) : null}
      {user ? (
        <section aria-labelledby="utilisateur" className="mt-8 rounded border border-gray-400 bg-white p-4">
          <h2 id="utilisateur" className="text-xl font-bold">{`${user.firstName} ${user.lastName}`}</h2>
          <p className="mt-1">{`${user.loginEmail} — compte ${USER_STATUS[user.status]}, créé le ${formatDay(user.createdAt)}${user.activatedAt ? `, activé le ${formatDay(user.activatedAt)}` : ""}.`}</p>
          {user.blockedSeconds > 0 ? (
            <p className="mt-1 font-semibold">{`Connexion bloquée encore ${frenchDelay(user.blockedSeconds)} après des échecs.`}</p>
          ) : null}
          <h3 className="mt-4 font-bold">Structures</h3>
          {user.structures.length === 0 ? <p>Aucune.</p> : null}
          <ul className="list-disc pl-6">
            {user.structures.map((s) => (
              <li
                key={s.structureId}
              >{`${s.name} (SIRET ${formatSiret(s.siret)}, dépt ${s.departement ?? "—"}) : ${s.isMainManager ? "gestionnaire principal" : ATTACHMENT[s.attachment]}, structure ${VERIFICATION[s.verification]}`}</li>
            ))}
          </ul>
          <h3 className="mt-6 font-bold">Actions</h3>
          {user.status === "pending" ? <SupportActionForm userId={user.id} action="resend-activation" /> : null}
          <SupportActionForm userId={user.id} action="unblock" />
          {user.status === "active" ? <SupportActionForm userId={user.id} action="disable" /> : null}
        </section>
      ) : null}
      {structure ? (
        <section aria-labelledby="structure" className="mt-8 rounded border border-gray-400 bg-white p-4">
          <h2 id="structure" className="text-xl font-bold">
            {structure.name}
          </h2>
          <p className="mt-1">{`SIRET ${formatSiret(structure.siret)}, département ${structure.departement ?? "—"} — structure ${VERIFICATION[structure.verification]}${structure.isManagementCentre ? ", centre de gestion" : ""}.`}</p>
          <p className="mt-1">{`Gestionnaire principal : ${structure.managerFirst} ${structure.managerLast} (${structure.managerEmail})`}</p>
          <h3 className="mt-4 font-bold">Personnes</h3>
          <ul className="list-disc pl-6">
            {structure.members.map((m) => (
              <li
                key={m.loginEmail}
              >{`${m.firstName} ${m.lastName} (${m.loginEmail}) : ${ATTACHMENT[m.attachment]}, compte ${USER_STATUS[m.userStatus]}`}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
