// A person without JavaScript: gets pages, fills the server-rendered forms and submits them as the
// browser would (multipart POST of every field, the hidden Next.js action fields included).
import * as cheerio from "cheerio";

export type Answer = { status: number; location: string | null; html: string; $: cheerio.CheerioAPI };

export type FormSpec = { page: string; fields: Record<string, string>; files: string[] };

export class Visitor {
  private readonly cookies = new Map<string, string>();
  /** Sent with every request (e.g. a forged X-Forwarded-For). */
  headers: Record<string, string> = {};

  constructor(private readonly base: string) {}

  /** The Cookie header this visitor sends now. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    // Browsers send it with every form POST; Next.js compares it with the host (CSRF check).
    if (init.method === "POST") headers.set("origin", new URL(this.base).origin);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", ...value] = pair.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    return response;
  }

  /** The cookies the server gave this visitor, to hand its session to a browser. */
  cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  private async answer(response: Response): Promise<Answer> {
    const html = await response.text();
    return { status: response.status, location: response.headers.get("location"), html, $: cheerio.load(html) };
  }

  async get(path: string): Promise<Answer> {
    return this.answer(await this.fetch(path));
  }

  /** The form whose submit button has this text (or accessible label), as the page shows it now. */
  async form(path: string, button: string): Promise<FormSpec> {
    const page = await this.get(path);
    const $ = page.$;
    const submit = $("button[type=submit]")
      .filter((_, el) => $(el).text().trim() === button || $(el).attr("aria-label") === button)
      .first();
    const form = submit.closest("form");
    if (!form.length) throw new Error(`Formulaire « ${button} » introuvable sur ${path} (statut ${page.status})`);
    const fields: Record<string, string> = {};
    form.find("input, select, textarea").each((_, el) => {
      const name = $(el).attr("name");
      const type = $(el).attr("type");
      if (!name || type === "file" || type === "checkbox") return;
      fields[name] = $(el).is("select")
        ? ($(el).find("option[selected]").attr("value") ?? $(el).find("option").first().attr("value") ?? "")
        : (($(el).val() as string) ?? "");
    });
    if (submit.attr("name")) fields[submit.attr("name")!] = submit.attr("value") ?? "";
    const files = form
      .find("input[type=file]")
      .map((_, el) => $(el).attr("name")!)
      .get();
    return { page: path, fields, files };
  }

  /** Every form of the page that posts to a server action, named by its submit button. */
  async allForms(path: string): Promise<(FormSpec & { button: string; names: string[] })[]> {
    const page = await this.get(path);
    const $ = page.$;
    return $("main form[method=POST], header form[method=POST]")
      .map((_, element) => {
        const form = $(element);
        const submit = form.find("button[type=submit]").first();
        const fields: Record<string, string> = {};
        form.find("input[type=hidden]").each((_, input) => {
          const name = $(input).attr("name");
          if (name) fields[name] = ($(input).val() as string) ?? "";
        });
        const names = [
          ...new Set(
            form
              .find("input:not([type=hidden]), select, textarea")
              .map((_, input) => $(input).attr("name"))
              .get()
              .filter(Boolean),
          ),
        ];
        for (const name of Object.keys(fields)) if (!name.startsWith("$ACTION")) names.push(name);
        const files = form
          .find("input[type=file]")
          .map((_, input) => $(input).attr("name")!)
          .get();
        return { page: path, fields, files, names, button: submit.attr("aria-label") ?? submit.text().trim() };
      })
      .get();
  }

  /** Posts the form with these values added (a Blob for a file). */
  async submit(form: FormSpec, values: Record<string, string | string[] | Blob>): Promise<Answer> {
    const body = new FormData();
    for (const [name, value] of Object.entries({ ...form.fields, ...values })) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item instanceof Blob) body.append(name, item, "document.pdf");
        else body.append(name, item);
      }
    }
    return this.answer(await this.fetch(form.page, { method: "POST", body }));
  }

  /** Fills and posts in one go. */
  async fillAndSubmit(path: string, button: string, values: Record<string, string | string[] | Blob>): Promise<Answer> {
    return this.submit(await this.form(path, button), values);
  }
}

/** The text of the error summary or of the success message, if the page has one. */
export const alertText = (answer: Answer) => answer.$("main [role=alert]").text().trim();
export const statusText = (answer: Answer) => answer.$("main [role=status]").text().trim();
