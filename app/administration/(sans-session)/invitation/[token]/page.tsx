import type { Metadata } from "next";
import { readInvitation } from "@/lib/agents/invitations";
import { Enrolment } from "./enrol-form";

export const metadata: Metadata = { title: "Activer votre accès d'agent" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = /^[A-Za-z0-9_-]{43}$/.test(token) ? await readInvitation(token) : null;
  // The client part keeps the recovery codes on screen after the link is spent (the page re-renders).
  return <Enrolment token={token} invitation={invitation} />;
}
