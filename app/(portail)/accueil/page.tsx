import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { onboardingChecklist } from "@/lib/onboarding/checklist";

export const metadata: Metadata = { title: "Accueil" };

const STATE_LABEL = { done: "Terminée", current: "À faire maintenant", todo: "À venir" } as const;

export default async function HomeSignedInPage() {
  const actor = await requireActor();
  const steps = onboardingChecklist(actor);
  const current = steps.find((step) => step.state === "current");
  return (
    <div className="max-w-3xl">
      <StepIndicator
        current={current?.number ?? 4}
        done={steps.filter((step) => step.state === "done").map((step) => step.number)}
      />
      <h1 className="text-3xl font-bold text-brand">{`Bonjour ${actor.firstName}`}</h1>
      <h2 className="mt-6 text-xl font-bold">Votre inscription</h2>
      <ol className="mt-4 space-y-3">
        {steps.map((step) => (
          <li
            key={step.number}
            className={`rounded border p-4 ${step.state === "current" ? "border-2 border-brand bg-white" : "border-gray-300 bg-white"}`}
          >
            <p className="font-semibold">{`Étape ${step.number} : ${step.title}`}</p>
            <p className="text-sm">
              <span className={step.state === "done" ? "font-semibold text-success" : "font-semibold"}>{STATE_LABEL[step.state]}</span>
              {` — ${step.detail}`}
            </p>
          </li>
        ))}
      </ol>
      {current?.number === 2 ? (
        <div className="mt-6 rounded border-l-4 border-brand bg-blue-50 p-4">
          <p className="font-semibold">Prochaine étape : rattacher votre compte à votre structure</p>
          <p className="mt-1">
            La recherche par n° de SIRET et la création d&apos;une structure à partir de la base INSEE arrivent dans la
            prochaine version du portail. En attendant, vérifiez vos informations dans <Link href="/mon-compte">Mon compte</Link>.
          </p>
        </div>
      ) : null}
    </div>
  );
}
