import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { addressLines } from "@/lib/addresses";

export type LetterData = {
  structureName: string;
  siret: string;
  /** The SIRENE address of the establishment, never one typed by the user. */
  address: { street: string | null; complement: string | null; postalCode: string | null; city: string | null };
  requesterName: string;
  /** The portal's address (APP_URL), where the code is typed. */
  portalUrl: string;
  code: string;
  createdAt: Date;
  expiresAt: Date;
};

const MARGIN = 56;
const A4: [number, number] = [595.28, 841.89];

/**
 * The letter posted to the establishment: the code, who asked for it, and what to do if the
 * reader does not know that person. Standard fonts only, as the receipt.
 */
export async function buildVerificationLetter(data: LetterData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Code de vérification ${formatSiret(data.siret)}`);
  pdf.setAuthor("Portail TIC");
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(data.createdAt);
  pdf.setModificationDate(data.createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  const safe = (text: string) =>
    [...text.replace(/[\u202f\u2009\u00a0]/g, " ")].map((c) => (supported.has(c.codePointAt(0)!) ? c : "?")).join("");
  const page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, options: { font?: PDFFont; size?: number; x?: number; gap?: number } = {}) => {
    const size = options.size ?? 11;
    const font = options.font ?? regular;
    // Wrap on words to the page width.
    const width = A4[0] - (options.x ?? MARGIN) - MARGIN;
    let line = "";
    const flush = () => {
      page.drawText(line, { x: options.x ?? MARGIN, y: y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
      line = "";
    };
    for (const word of safe(text).split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > width) {
        flush();
        line = word;
      } else line = candidate;
    }
    flush();
    y -= options.gap ?? 2;
  };

  write("Portail TIC", { font: bold, size: 14 });
  write("Demande de remboursement partiel de TIC — exploitants agricoles", { size: 9, gap: 30 });
  const a = data.address;
  const addressX = 310;
  for (const text of [data.structureName, ...addressLines(a)]) {
    write(text, { x: addressX, font: text === data.structureName ? bold : regular });
  }
  y -= 40;
  write(`Le ${formatDay(data.createdAt)}`, { gap: 16 });
  write("Objet : code de vérification de votre structure sur le Portail TIC", { font: bold, gap: 12 });
  write("Madame, Monsieur,", { gap: 8 });
  write(
    `${data.requesterName} a inscrit votre établissement (SIRET ${formatSiret(data.siret)}) sur le Portail TIC et s'en est déclaré(e) gestionnaire principal. Tant que la structure n'est pas vérifiée, aucune demande de remboursement ne peut être transmise en son nom.`,
    { gap: 8 },
  );
  write(
    "Si cette personne agit bien pour votre établissement, elle saisit le code ci-dessous sur la page de la structure (« Activités du gestionnaire », « Modifier », « Vérifier la structure ») :",
    { gap: 10 },
  );
  write(data.code, { font: bold, size: 22, x: MARGIN + 40, gap: 10 });
  write(`Adresse du portail : ${data.portalUrl}`, { font: bold, gap: 12 });
  write(`Ce code ne sert qu'une fois ; il est valable jusqu'au ${formatDay(data.expiresAt)}. Cinq essais au plus.`, { gap: 12 });
  write("Vous ne connaissez pas cette personne ?", { font: bold });
  write(
    `Ne lui communiquez pas ce code. Créez votre compte sur le Portail TIC, recherchez votre n° de SIRET dans « Demander un rattachement », puis choisissez « Contester la gestion » : le gestionnaire principal et nos services en sont informés, et nous examinons votre demande.`,
    { gap: 20 },
  );
  write("Le service du Portail TIC", { gap: 2 });
  page.drawText(safe(`Courrier de vérification — SIRET ${formatSiret(data.siret)}`), { x: MARGIN, y: 24, size: 8, font: regular });
  return pdf.save();
}
