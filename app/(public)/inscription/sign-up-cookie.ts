import "server-only";
import { cookies } from "next/headers";

/** Remembers, for the confirmation page only, where the activation mail went. */
export const SIGN_UP_COOKIE = "inscription-adresse";

export async function signUpAddress(): Promise<string | undefined> {
  return (await cookies()).get(SIGN_UP_COOKIE)?.value;
}
