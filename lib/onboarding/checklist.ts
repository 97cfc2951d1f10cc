import type { Actor } from "@/lib/auth/sessions";

export type StepState = "done" | "current" | "todo";
export type OnboardingStep = { number: 1 | 2 | 3 | 4; title: string; state: StepState; detail: string };

/**
 * The four steps of the guide with this user's real state. Step 1 is done for anyone signed in;
 * steps 2–4 read the structures and spaces once they exist (next issues).
 */
export function onboardingChecklist(actor: Actor): OnboardingStep[] {
  void actor;
  return [
    { number: 1, title: "Créer votre compte utilisateur", state: "done", detail: "Votre compte est actif." },
    {
      number: 2,
      title: "Rattacher votre compte à votre structure",
      state: "current",
      detail: "Retrouvez votre entreprise par son n° de SIRET, ou créez-la à partir de la base INSEE.",
    },
    {
      number: 3,
      title: "Ouvrir l'espace « Demande de remboursement TIC »",
      state: "todo",
      detail: "Le gestionnaire principal de la structure ouvre l'espace.",
    },
    {
      number: 4,
      title: "Vous abonner à l'espace « Demande de remboursement TIC »",
      state: "todo",
      detail: "Les autres utilisateurs rattachés demandent un abonnement au gestionnaire principal.",
    },
  ];
}
