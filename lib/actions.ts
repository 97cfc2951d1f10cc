import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { AccessDenied } from "./access";
import { getCurrentActor } from "./auth/current-actor";
import type { Actor } from "./auth/sessions";
import { parseForm, readForm, safeValues, type ActionResult, type ActionState } from "./forms";
import type { Notice } from "./notices";
import type { RequestMeta } from "./request-meta";

/**
 * The client address. Next.js fills X-Forwarded-For from the socket when no proxy set it; behind a
 * reverse proxy, the proxy's own entry is the last one. See docs/decisions/0005-rate-limits.md.
 */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  const ip = forwarded?.at(-1) ?? h.get("x-real-ip") ?? null;
  return { ip: ip ? ip.replace(/^::ffff:/, "").slice(0, 64) : null };
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

/** Only paths of this site: "/accueil" yes, "//evil.example" or "https://…" no. */
export function safeRedirectPath(value: unknown, fallback = "/accueil"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}
