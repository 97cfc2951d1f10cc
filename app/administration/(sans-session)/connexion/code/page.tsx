import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { agentCookie } from "@/lib/agents/current-agent";
import { awaitsSecondFactor } from "@/lib/agents/sessions";
import { AgentCodeForm } from "../forms";

export const metadata: Metadata = { title: "Code de connexion" };

export default async function AgentCodePage() {
  if (!awaitsSecondFactor(await agentCookie())) redirect("/administration/connexion");
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-slate-900">Code de connexion</h1>
      <p className="mt-2 text-gray-700">
        Étape 2 sur 2 : ouvrez votre application d&apos;authentification et saisissez le code « Portail TIC – Administration ». Vous avez 5
        minutes.
      </p>
      <AgentCodeForm />
      <p className="mt-6">
        <Link href="/administration/connexion">Recommencer la connexion</Link>
      </p>
    </div>
  );
}
