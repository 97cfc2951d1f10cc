import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentActor } from "./current-actor";
import { REQUEST_PATH_HEADER, signInPathFor } from "./return-path";
import type { Actor } from "./sessions";

/** For portal pages: the signed-in person, or « Se connecter » that leads back to this page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  return actor;
}
