import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { attachments, structures, subscriptions, users } from "@/db/schema";
import type { StructureFacts } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import type { SpaceAccess } from "@/lib/spaces/rights";
import { getDb } from "@/lib/db";
import { currentStructureOnce, openTicSpaceOnce, rightsOnce } from "@/lib/page-reads";
import { prepared } from "@/lib/prepared";
import { mandateRightsText, rightsText } from "@/lib/rights-wording";
import { formatDay, formatIsoDay } from "@/lib/dates";
import { fullName } from "@/lib/names";
import { requestsOfStructure } from "@/lib/refunds/queries";

export type StepState = "done" | "current" | "todo";
export type OnboardingStep = { number: 1 | 2 | 3 | 4; title: string; state: StepState; detail: string };
export type NextAction = { text: string; href?: string; label?: string };

const TITLES = {
  1: "Créer votre compte utilisateur",
  2: "Rattacher votre compte à votre structure",
  3: "Ouvrir l'espace « Demande de remboursement TIC »",
  4: "Vous abonner à l'espace « Demande de remboursement TIC »",
} as const;

const userNameQuery = prepared((db) =>
  db
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare(),
);

function pendingAttachment(userId: number) {
  return getDb()
    .select({
      requestedAt: attachments.requestedAt,
      structureName: structures.name,
      managerFirst: users.firstName,
      managerLast: users.lastName,
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(users, eq(users.id, structures.mainManagerId))
    .where(and(eq(attachments.userId, userId), eq(attachments.status, "pending")))
    .orderBy(asc(attachments.requestedAt))
    .get();
}

/**
 * « Structure non vérifiée »: nothing can be transmitted yet; the manager types the code of the letter.
 * A centre de gestion never files for itself (issue 21): its notice says so, since its clients'
 * requests depend on their own structures' verification only.
 */
type VerificationNotice = NextAction & { title: string };
function verificationNotice(
  current: { id: number; name: string; verificationStatus: StructureFacts["verificationStatus"] },
  isManager: boolean,
  isCentre = false,
): VerificationNotice | undefined {
  const status = current.verificationStatus;
  if (status === "verified") return undefined;
  const clients = " Les demandes de vos exploitations clientes ne dépendent que de la vérification de leur propre structure.";
  if (status === "suspended") {
    return isCentre
      ? { title: "Structure suspendue", text: `${current.name} est suspendue après une contestation de sa gestion.${clients}` }
      : {
          title: "Structure suspendue",
          text: `${current.name} est suspendue après une contestation de sa gestion : aucune demande de remboursement ne peut être transmise.`,
        };
  }
  const code = "Saisissez le code du courrier envoyé par la poste à l'adresse de l'établissement (comptez une semaine environ).";
  if (isCentre) {
    return isManager
      ? {
          title: "Structure non vérifiée",
          text: `${current.name} n'est pas encore vérifiée. ${code}${clients}`,
          href: `/gestionnaire/structures/${current.id}#verification`,
          label: "Vérifier la structure",
        }
      : {
          title: "Structure non vérifiée",
          text: `${current.name} n'est pas encore vérifiée : son gestionnaire principal doit saisir le code reçu par courrier.${clients}`,
        };
  }
  return isManager
    ? {
        title: "Structure non vérifiée",
        text: `${current.name} n'est pas encore vérifiée : aucune demande de remboursement ne peut être transmise en son nom. ${code}`,
        href: `/gestionnaire/structures/${current.id}#verification`,
        label: "Vérifier la structure",
      }
    : {
        title: "Structure non vérifiée",
        text: `${current.name} n'est pas encore vérifiée : son gestionnaire principal doit saisir le code reçu par courrier avant que des demandes puissent être transmises.`,
      };
}

/**
 * « Demande de remboursement TIC » from « Accueil »: the space; for someone who may edit and has no
 * request yet, straight to its form « Saisir une demande de remboursement » (issue 21, point 9).
 */
function spaceAction(structureId: number, canEdit: boolean, text: string): NextAction {
  return canEdit && requestsOfStructure(structureId).length === 0
    ? { text, href: "/remboursement-tic#creer-demande", label: "Saisir une demande de remboursement" }
    : { text, href: "/remboursement-tic", label: "Demande de remboursement TIC" };
}

/** The four steps of the guide with this user's real state on their current structure, and the one next thing to do. */
export function onboardingChecklist(actor: Actor): {
  steps: OnboardingStep[];
  next: NextAction;
  verification?: VerificationNotice;
  managementCentre?: true;
} {
  const step = (number: 1 | 2 | 3 | 4, state: StepState, detail: string): OnboardingStep => ({
    number,
    title: TITLES[number],
    state,
    detail,
  });
  const { current } = currentStructureOnce(actor.userId);
  if (!current) {
    const pending = pendingAttachment(actor.userId);
    const detail = pending
      ? `Votre demande de rattachement à ${pending.structureName} attend la décision de ${fullName(pending.managerFirst, pending.managerLast)} depuis le ${formatDay(pending.requestedAt)}.`
      : "Retrouvez votre entreprise par son n° de SIRET, ou créez-la à partir de la base INSEE.";
    return {
      steps: [
        step(1, "done", "Votre compte est actif."),
        step(2, "current", detail),
        step(3, "todo", "Le gestionnaire principal de la structure ouvre l'espace."),
        step(4, "todo", "Les autres utilisateurs rattachés demandent un abonnement au gestionnaire principal."),
      ],
      next: pending
        ? { text: `${detail} Vous recevrez un courriel dès sa décision.` }
        : { text: "Rattachez votre compte à votre structure.", href: "/structures/rattachement", label: "Demander un rattachement" },
    };
  }

  // The policy's reading of the structure and of the actor's rights on it, shared with the layout.
  const grant = rightsOnce(actor, current.id);
  if (!grant?.structure) throw new Error("The current structure is one the actor may work on.");
  const here = grant.structure;
  const isManager = here.isManager;
  // A centre de gestion never opens the TIC space for itself: steps 3 and 4 are not its own (« Accueil » shows its next steps).
  if (here.isManagementCentre) {
    return {
      steps: [step(1, "done", "Votre compte est actif."), step(2, "done", `Votre compte est rattaché à ${current.name}.`)],
      verification: verificationNotice(here, isManager, true),
      next: {
        text: "Demandez un mandat à chaque exploitation cliente : vous déposerez ses demandes de remboursement en son nom.",
        href: "/mandats/nouveau",
        label: "Demander un mandat à vos clients",
      },
      managementCentre: true,
    };
  }
  const db = getDb();
  const manager = userNameQuery().get({ userId: current.mainManagerId })!;
  if (current.via === "mandate") return mandatedChecklist(here, grant.tic, `${fullName(manager)}`);
  const managerName = `${fullName(manager)}`;
  const ticSpace = openTicSpaceOnce(current.id);
  const verification = verificationNotice(here, isManager);
  const steps = [
    step(1, "done", "Votre compte est actif."),
    step(2, "done", `Votre compte est rattaché à ${current.name}.${verification ? ` ${verification.title}.` : ""}`),
  ];
  const space = (canEdit: boolean) => spaceAction(current.id, canEdit, "Accédez à l'espace « Demande de remboursement TIC ».");

  if (!ticSpace) {
    steps.push(
      step(
        3,
        "current",
        isManager
          ? "Vous êtes gestionnaire principal : c'est à vous d'ouvrir l'espace sur la structure."
          : `${managerName}, gestionnaire principal, doit ouvrir l'espace sur la structure.`,
      ),
      step(
        4,
        "todo",
        isManager ? "Vous aurez accès à l'espace dès son ouverture, sans abonnement." : "Vous demanderez ensuite un abonnement à l'espace.",
      ),
    );
    return {
      steps,
      verification,
      next: isManager
        ? {
            text: "Ouvrez l'espace « Demande de remboursement TIC » sur votre structure, avec le numéro PACAGE et la catégorie de bénéficiaire.",
            href: `/gestionnaire/structures/${current.id}#ajouter-espaces`,
            label: "Ouvrir l'espace",
          }
        : {
            text: `L'espace « Demande de remboursement TIC » n'est pas encore ouvert sur ${current.name}. Seul ${managerName}, gestionnaire principal, peut l'ouvrir.`,
          },
    };
  }
  steps.push(step(3, "done", `L'espace est ouvert sur ${current.name}.`));
  if (isManager) {
    steps.push(step(4, "done", "En tant que gestionnaire principal, vous avez accès à l'espace sans abonnement."));
    return { steps, verification, next: space(grant.rights.has("refund.edit")) };
  }
  const access = grant.tic?.spaceId === ticSpace.id ? grant.tic : undefined;
  if (access) {
    steps.push(step(4, "done", `Vous êtes abonné (${rightsText({ canView: true, canEdit: access.canEdit })}).`));
    return { steps, verification, next: space(grant.rights.has("refund.edit")) };
  }
  const latest = db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, actor.userId), eq(subscriptions.spaceId, ticSpace.id)))
    .orderBy(desc(subscriptions.requestedAt), desc(subscriptions.id))
    .get();
  if (latest?.status === "pending") {
    const detail = `Votre demande d'abonnement attend la décision de ${managerName} depuis le ${formatDay(latest.requestedAt)}.`;
    steps.push(step(4, "current", detail));
    return { steps, verification, next: { text: `${detail} Vous recevrez un courriel dès sa décision.` } };
  }
  if (latest?.status === "approved") {
    const detail = `Votre abonnement est validé ; il commence le ${formatIsoDay(latest.startDate)}.`;
    steps.push(step(4, "current", detail));
    return { steps, verification, next: { text: `${detail} L'onglet apparaîtra ce jour-là dans votre menu.` } };
  }
  steps.push(
    step(
      4,
      "current",
      latest?.status === "refused"
        ? `Votre dernière demande a été refusée${latest.reason ? ` (motif : ${latest.reason})` : ""}.`
        : "Demandez un abonnement à l'espace.",
    ),
  );
  return {
    steps,
    verification,
    next: {
      text: "Demandez un abonnement à l'espace « Demande de remboursement TIC ».",
      href: "/mon-compte/abonnements/nouveau",
      label: "Ajouter un abonnement",
    },
  };
}

/** A client farm worked on through a mandate: the farm's own steps are its manager's; what is left is to file. */
function mandatedChecklist(
  current: StructureFacts,
  access: SpaceAccess | undefined,
  managerName: string,
): ReturnType<typeof onboardingChecklist> {
  const step = (number: 1 | 2 | 3 | 4, state: StepState, detail: string): OnboardingStep => ({
    number,
    title: TITLES[number],
    state,
    detail,
  });
  const verification = verificationNotice(current, false);
  const steps = [
    step(1, "done", "Votre compte est actif."),
    step(2, "done", `Vous travaillez sur ${current.name} par le mandat qu'elle a donné à votre structure.`),
    step(
      3,
      access ? "done" : "current",
      access
        ? `L'espace est ouvert sur ${current.name}.`
        : `${managerName}, gestionnaire principal de ${current.name}, doit ouvrir l'espace.`,
    ),
    step(
      4,
      access ? "done" : "todo",
      access ? `Le mandat vous donne : ${mandateRightsText(access)}.` : "Le mandat s'appliquera dès l'ouverture de l'espace.",
    ),
  ];
  return {
    steps,
    verification,
    next: access
      ? spaceAction(
          current.id,
          access.canEdit,
          `Préparez les demandes de ${current.name} dans l'espace « Demande de remboursement TIC », ou retrouvez toutes vos exploitations dans le portefeuille.`,
        )
      : {
          text: `L'espace « Demande de remboursement TIC » n'est pas encore ouvert sur ${current.name}. Seul ${managerName}, son gestionnaire principal, peut l'ouvrir.`,
        },
  };
}
