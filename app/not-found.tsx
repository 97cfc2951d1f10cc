import Link from "next/link";

export default function NotFound() {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand">Page introuvable</h1>
      <p className="mt-4">L&apos;adresse demandée n&apos;existe pas ou n&apos;est plus disponible.</p>
      <p className="mt-4">
        <Link href="/">Retour à l&apos;accueil du portail</Link>
      </p>
    </div>
  );
}
