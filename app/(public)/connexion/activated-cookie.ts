import "server-only";
import { cookies } from "next/headers";

/** Set by a successful activation, read by « Se connecter » only, to pre-fill the address. */
export const ACTIVATED_COOKIE = "compte-active-adresse";

export async function activatedAddress(): Promise<string | undefined> {
  return (await cookies()).get(ACTIVATED_COOKIE)?.value;
}
