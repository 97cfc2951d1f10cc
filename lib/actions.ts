import "server-only";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { AccessDenied } from "./access";
import { getCurrentActor } from "./auth/current-actor";
import type { Actor } from "./auth/sessions";
import { safeRedirectPath } from "./safe-redirect";
import { parseForm, readForm, safeValues, type ActionResult, type ActionState } from "./forms";
import type { Notice } from "./notices";
import { getConfig } from "./config";
import type { RequestMeta } from "./request-meta";
import { DEVICE_COOKIE } from "./security/device-cookie";
import { PEER_HEADER, resolveClientAddress } from "./security/client-address";

/**
 * The client address: the socket's (stamped by lib/security/peer-header.ts), or, behind a proxy
 * listed in TRUSTED_PROXIES, the right-most X-Forwarded-For entry that is not one of them. A
 * header the client wrote itself is never believed. See docs/decisions/0005-rate-limits.md.
 */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  const ip = resolveClientAddress(h.get(PEER_HEADER), h.get("x-forwarded-for"), getConfig().trustedProxies);
  return { ip, deviceCookie: (await cookies()).get(DEVICE_COOKIE)?.value ?? null };
}

type Handler<I, T> = (input: I, meta: RequestMeta) => ActionResult<T> | Promise<ActionResult<T>>;
type ActorHandler<I, T> = (actor: Actor, input: I, meta: RequestMeta) => ActionResult<T> | Promise<ActionResult<T>>;

/** One shape for every server action: parse the form, call one domain function, give back a result. */
export function formAction<S extends z.ZodType, T>(schema: S, secretFields: readonly string[], handler: Handler<z.output<S>, T>) {
  return async (_previous: ActionState<T>, form: FormData): Promise<ActionResult<T>> => {
    const parsed = parseForm(schema, await readForm(form));
    if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, values: safeValues(form, secretFields) };
    let result: ActionResult<T>;
    try {
      result = await handler(parsed.data, await requestMeta());
    } catch (error) {
      if (!(error instanceof AccessDenied)) {
        // Most often Next's redirect after a success: the next page must show what changed.
        revalidatePath("/", "layout");
        throw error;
      }
      // The policy said no: whatever the page showed, the server refuses.
      result = { ok: false, formError: "Vous n'avez pas le droit d'effectuer cette action." };
    }
    if (!result.ok) return { ...result, values: safeValues(form, secretFields) };
    // Rights and lists are read per request: the page re-renders with what just changed.
    revalidatePath("/", "layout");
    return result;
  };
}

/** The same, for a signed-in person: without a valid session, back to « Se connecter ». */
export function actorFormAction<S extends z.ZodType, T>(schema: S, secretFields: readonly string[], handler: ActorHandler<z.output<S>, T>) {
  return async (previous: ActionState<T>, form: FormData): Promise<ActionResult<T>> => {
    const actor = await getCurrentActor();
    if (!actor) redirect("/connexion");
    return formAction(schema, secretFields, (input: z.output<S>, meta) => handler(actor, input, meta))(previous, form);
  };
}

/**
 * After an action that removed what displayed its own result: back to the page the form was on
 * (its path only), which then says what was done (lib/notices.ts).
 */
export async function redirectWithNotice(notice: Notice, fallback: string): Promise<never> {
  const referer = (await headers()).get("referer");
  let path = fallback;
  try {
    if (referer) path = safeRedirectPath(new URL(referer).pathname, fallback);
  } catch {
    // not a URL: keep the fallback
  }
  redirect(`${path}?fait=${notice}`);
}
