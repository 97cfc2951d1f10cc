import type { AgentActor } from "@/lib/agents/identity";

/** The administration's menu, from the agent's roles read on this request. */
export function adminMenu(agent: AgentActor) {
  const has = (role: AgentActor["roles"][number]) => agent.roles.includes(role);
  return [
    { href: "/administration", label: "Accueil" },
    ...(has("administrator") ? [{ href: "/administration/agents", label: "Agents" }] : []),
    ...(has("instructor") ? [{ href: "/administration/demandes", label: "Demandes" }] : []),
    ...(has("operator")
      ? [
          { href: "/administration/courriers", label: "Courriers à envoyer" },
          { href: "/administration/contestations", label: "Contestations" },
          { href: "/administration/verifier", label: "Vérifier sur pièces" },
          { href: "/administration/assistance", label: "Assistance" },
        ]
      : []),
    ...(has("payer") ? [{ href: "/administration/paiements", label: "Paiements" }] : []),
    ...(agent.roles.length > 0 ? [{ href: "/administration/statistiques", label: "Statistiques" }] : []),
    { href: "/administration/mon-activite", label: "Mon activité" },
  ];
}
