import { and, asc, eq } from "drizzle-orm";
import { attachments, structures, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { currentStructure } from "@/lib/structures/queries";

export type StepState = "done" | "current" | "todo";
export type OnboardingStep = { number: 1 | 2 | 3 | 4; title: string; state: StepState; detail: string };
export type NextAction = { text: string; href?: string; label?: string } | null;

const DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** The four steps of the guide with this user's real state, and the one next thing to do. */
export function onboardingChecklist(actor: Actor): { steps: OnboardingStep[]; next: NextAction } {
  const { current } = currentStructure(actor.userId);
  const pending = getDb()
    .select({ requestedAt: attachments.requestedAt, structureName: structures.name, managerFirst: users.firstName, managerLast: users.lastName })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(users, eq(users.id, structures.mainManagerId))
    .where(and(eq(attachments.userId, actor.userId), eq(attachments.status, "pending")))
    .orderBy(asc(attachments.requestedAt))
    .get();

  const step2: OnboardingStep = current
    ? { number: 2, title: "Rattacher votre compte à votre structure", state: "done", detail: `Vous êtes rattaché à ${current.name}.` }
    : pending
      ? {
          number: 2,
          title: "Rattacher votre compte à votre structure",
          state: "current",
          detail: `Votre demande de rattachement à ${pending.structureName} attend la décision de ${pending.managerFirst} ${pending.managerLast} depuis le ${DAY.format(pending.requestedAt)}.`,
        }
      : {
          number: 2,
          title: "Rattacher votre compte à votre structure",
          state: "current",
          detail: "Retrouvez votre entreprise par son n° de SIRET, ou créez-la à partir de la base INSEE.",
        };

  const isManager = current?.mainManagerId === actor.userId;
  const steps: OnboardingStep[] = [
    { number: 1, title: "Créer votre compte utilisateur", state: "done", detail: "Votre compte est actif." },
    step2,
    {
      number: 3,
      title: "Ouvrir l'espace « Demande de remboursement TIC »",
      state: current ? "current" : "todo",
      detail: isManager
        ? "Vous êtes gestionnaire principal : c'est à vous d'ouvrir l'espace sur la structure."
        : "Le gestionnaire principal de la structure ouvre l'espace.",
    },
    {
      number: 4,
      title: "Vous abonner à l'espace « Demande de remboursement TIC »",
      state: "todo",
      detail: "Les autres utilisateurs rattachés demandent un abonnement au gestionnaire principal.",
    },
  ];

  let next: NextAction;
  if (!current && !pending) {
    next = { text: "Rattachez votre compte à votre structure.", href: "/structures/rattachement", label: "Demander un rattachement" };
  } else if (!current && pending) {
    next = { text: step2.detail + " Vous recevrez un courriel dès sa décision." };
  } else {
    next = {
      text: isManager
        ? "Prochaine étape : ouvrir l'espace « Demande de remboursement TIC » sur votre structure. Cette fonction arrive dans la prochaine version du portail."
        : "Prochaine étape : le gestionnaire principal ouvre l'espace « Demande de remboursement TIC », puis vous vous y abonnez. Cette fonction arrive dans la prochaine version du portail.",
    };
  }
  return { steps, next };
}
