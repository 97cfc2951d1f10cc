"use server";

import { redirect } from "next/navigation";
import { actorFormAction } from "@/lib/actions";
import { followInvitation } from "@/lib/mandates/invitations";
import { claimInvitationSchema } from "@/lib/mandates/schemas";

/** « Inscrire mon exploitation »: the link is used (once), then on to the structure's creation or to the mandate (ADR 0029). */
export const followInvitationAction = actorFormAction(claimInvitationSchema, ["token"], (actor, input, meta) => {
  const result = followInvitation(actor, input.token, meta);
  return result.ok ? redirect(result.data.next) : result;
});
