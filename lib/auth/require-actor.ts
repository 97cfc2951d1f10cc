import { redirect } from "next/navigation";
import { getCurrentActor } from "./current-actor";
import type { Actor } from "./sessions";

/** For portal pages: the signed-in person, or a redirect to « Se connecter ». */
export async function requireActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/connexion");
  return actor;
}
