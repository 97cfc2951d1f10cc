/**
 * Control characters in free text (issue 22, point 4): C0 (but tab and line breaks where a text
 * may span lines), DEL and C1, and the bidirectional overrides and isolates that reorder what a
 * reader sees. A contest motif holding ESC sequences erased the real entry on the operator's
 * terminal, printed a fake one and set the clipboard.
 *  - `stripControls` removes them at the forms' schemas (lib/forms.ts), so they are never stored;
 *  - `terminalSafe` shows any that got in anyway (older rows, other paths) as visible escapes
 *    wherever text is printed to a terminal; `pdfSafe` does the same for a PDF.
 */
const C0_EXCEPT_LAYOUT = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F";
const C1_AND_DEL = "\\u007F-\\u009F";
const BIDI = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

const SINGLE_LINE = new RegExp(`[${C0_EXCEPT_LAYOUT}\\t\\n\\r${C1_AND_DEL}${BIDI}\\u2028\\u2029]`, "g");
const MULTI_LINE = new RegExp(`[${C0_EXCEPT_LAYOUT}${C1_AND_DEL}${BIDI}]`, "g");
const ANY = new RegExp(`[${C0_EXCEPT_LAYOUT}\\t\\n\\r${C1_AND_DEL}${BIDI}\\u2028\\u2029]`, "gu");

/**
 * The text without control characters. On one line, tabs and line breaks become spaces; on several
 * (a motif, a reason), line breaks are kept as « \n » and tabs become spaces.
 */
export function stripControls(text: string, options: { multiline?: boolean } = {}): string {
  if (options.multiline)
    return text
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      .replace(MULTI_LINE, "")
      .replace(/[\u2028\u2029]/g, "\n");
  return text.replace(/[\t\n\r\u2028\u2029]/g, " ").replace(SINGLE_LINE, "");
}

export const hasControls = (text: string) => new RegExp(ANY.source, "u").test(text);

const escapeOne = (char: string) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`;

/** For a terminal: every control character (line breaks and tabs included) shown as « \u{1B} », never sent raw. */
export const terminalSafe = (text: string) => text.replace(ANY, escapeOne);

/** For a PDF: the same, line breaks kept as spaces (a PDF line is drawn as given). */
export const pdfSafe = (text: string) => text.replace(/[\t\n\r]/g, " ").replace(ANY, escapeOne);
