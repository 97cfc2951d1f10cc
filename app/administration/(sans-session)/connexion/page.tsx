import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentAgent } from "@/lib/agents/current-agent";
import { AgentPasswordForm } from "./forms";

export const metadata: Metadata = { title: "Connexion des agents" };

type Search = Promise<{ deconnecte?: string; expire?: string }>;

export default async function AgentSignInPage({ searchParams }: { searchParams: Search }) {
  if (await getCurrentAgent()) redirect("/administration");
  const params = await searchParams;
  const notice = params.deconnecte
    ? "Vous êtes déconnecté."
    : params.expire
      ? "Le délai pour saisir le code est passé : recommencez."
      : null;
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-slate-900">Connexion des agents</h1>
      <p className="mt-2 text-gray-700">
        Étape 1 sur 2 : votre adresse et votre mot de passe ; ensuite, le code de votre application d&apos;authentification.
      </p>
      {notice ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          {notice}
        </p>
      ) : null}
      <AgentPasswordForm />
    </div>
  );
}
