import { safeRedirectPath } from "@/lib/safe-redirect";

/** Set by proxy.ts on every request: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = "x-portail-path";

/**
 * « Se connecter », then back to the page asked for (a link in a mail, a bookmark). The header is
 * written by our proxy, but validated again as a same-site path: a forged value is dropped.
 */
export function signInPathFor(askedPath: string | null): string {
  const back = safeRedirectPath(askedPath, "");
  // The sign-in form takes 500 characters at most (signInSchema): a longer one would block it.
  return back && back !== "/accueil" && back.length <= 500 ? `/connexion?retour=${encodeURIComponent(back)}` : "/connexion";
}
