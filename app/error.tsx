"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="max-w-xl" role="alert">
      <h1 className="text-3xl font-bold text-brand">Une erreur est survenue</h1>
      <p className="mt-4">Votre action n&apos;a pas pu aboutir. Rien n&apos;a été enregistré à moitié : vous pouvez réessayer.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-brand px-5 py-2 font-semibold text-white">
        Réessayer
      </button>
    </div>
  );
}
