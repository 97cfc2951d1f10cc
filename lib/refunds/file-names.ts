/**
 * A file name as the uploader gave it, made safe to show and to offer for download. Controls,
 * bidirectional overrides and isolates (U+202E makes "facture‮fdp.exe" read as "facture exe.pdf"),
 * zero-width marks, separators and path characters are dropped or replaced; the name is NFC,
 * at most 200 characters, never empty.
 */
// C0, DEL and C1 controls; ALM; LRM/RLM; zero-width; line/paragraph separators; LRE…RLO; isolates; BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;
const UNSAFE = /["\\/:*?<>|]/g;

export function safeFileName(name: string, fallback = "document"): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, " ")
    .replace(INVISIBLE, "")
    .replace(UNSAFE, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return [...cleaned].slice(0, 200).join("") || fallback;
}

/** The Content-Disposition of a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The extension of each type a document's bytes are checked as (never the one its name claims). */
const EXTENSIONS = { "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg" } as const;
export type CheckedMediaType = keyof typeof EXTENSIONS;

/**
 * The name a download is offered under: the uploader's name without its extension(s) that do not
 * match, then the extension of the type the bytes were checked as (issue 22, point 8): a PDF sent as
 * « B-3.pdf.exe » downloads as « B-3.pdf », a PNG named « facture.pdf » as « facture.png ».
 */
export function downloadName(originalName: string, mediaType: CheckedMediaType): string {
  const extension = EXTENSIONS[mediaType];
  let base = safeFileName(originalName);
  // Strip trailing extensions (« .pdf.exe », « .exe ») down to a stem, keeping the one that matches.
  for (let i = 0; i < 3; i++) {
    const match = base.match(/^(.+?)(\.[A-Za-z0-9]{1,5})$/);
    if (!match) break;
    if (match[2]!.toLowerCase() === extension || (extension === ".jpg" && match[2]!.toLowerCase() === ".jpeg"))
      return `${match[1]}${extension}`;
    base = match[1]!;
  }
  return `${base}${extension}`;
}
