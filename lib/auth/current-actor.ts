import { cache } from "react";
import { auth } from "./next-auth";
import { resolveSession, type Actor } from "./sessions";

/** The signed-in person for this request, or null. Read once per request from the database. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return session?.sid ? resolveSession(session.sid) : null;
});
