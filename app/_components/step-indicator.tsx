const STEPS = ["Compte", "Structure", "Espace", "Abonnement"] as const;

/** « 1 Compte · 2 Structure · 3 Espace · 4 Abonnement », on every onboarding page. */
export function StepIndicator({ current, done = [] }: { current: 1 | 2 | 3 | 4; done?: number[] }) {
  return (
    <nav aria-label="Étapes de l'inscription" className="mb-6">
      <p className="sr-only">{`Étape ${current} sur 4 : ${STEPS[current - 1]}`}</p>
      <ol className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-hidden="false">
        {STEPS.map((label, index) => {
          const step = index + 1;
          const isCurrent = step === current;
          const isDone = done.includes(step);
          return (
            <li
              key={label}
              aria-current={isCurrent ? "step" : undefined}
              className={`flex items-center gap-2 rounded-full px-3 py-1 ${
                isCurrent ? "bg-brand text-white font-semibold" : isDone ? "bg-green-100 text-green-900" : "bg-gray-200 text-gray-800"
              }`}
            >
              <span>{step}</span>
              <span>{label}</span>
              {isDone ? <span className="sr-only">(terminée)</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
