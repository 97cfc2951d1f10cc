import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatDayTime, formatIsoShortDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { categoryLabel } from "@/lib/spaces/catalogue";
import { ADVANCE_QUESTION, LATE_REGULARISATION, balanceWords, hasAdvance } from "./advance";
import { formatEuros, formatQuantity, formatRate } from "./amounts";
import { pdfSafe } from "@/lib/text/control-characters";
import { maskedIban } from "./iban";
import { PRODUCTS } from "./products";
import { PROVISIONAL_RATE_SENTENCE, RATE_KIND_LABELS } from "./rate-table";
import type { RequestDetail } from "./queries";

export type ReceiptData = Pick<RequestDetail, "structure" | "lines" | "totalCents" | "bankAccount" | "balance" | "advanceLate"> & {
  request: Pick<RequestDetail["request"], "advanceReceived">;
  reference: string;
  year: number;
  pacage: string | null;
  beneficiaryCategory: string | null;
  transmittedAt: Date;
  transmittedBy: string;
};

const MARGIN = 40;
const A4: [number, number] = [595.28, 841.89];
const COLUMNS = [
  { title: "N° de facture", width: 105 },
  { title: "Livraison", width: 62 },
  { title: "Type de carburant", width: 108 },
  { title: "Volume", width: 80, right: true },
  { title: "Taux (€)", width: 45, right: true },
  { title: "Taux", width: 45 },
  { title: "Montant", width: 70, right: true },
];

/**
 * The récépissé: a PDF written by the server at transmission and kept, so that it shows exactly
 * what was transmitted. Standard fonts only (no file to ship); text outside their character set is
 * replaced.
 */
export async function buildReceipt(data: ReceiptData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Récépissé ${data.reference}`);
  pdf.setAuthor("Portail TIC");
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(data.transmittedAt);
  pdf.setModificationDate(data.transmittedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set(regular.getCharacterSet());
  // Control characters shown as visible escapes (lib/text/control-characters.ts), then what the font lacks as « ? ».
  const safe = (text: string) =>
    [...pdfSafe(text).replace(/[\u202f\u2009\u00a0]/g, " ")].map((c) => (supported.has(c.codePointAt(0)!) ? c : "?")).join("");

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, options: { font?: PDFFont; size?: number; x?: number; gap?: number } = {}) => {
    const size = options.size ?? 10;
    page.drawText(safe(text), { x: options.x ?? MARGIN, y: y - size, size, font: options.font ?? regular, color: rgb(0.1, 0.1, 0.1) });
    y -= size + (options.gap ?? 5);
  };
  const fit = (text: string, font: PDFFont, size: number, width: number) => {
    let value = safe(text);
    while (value.length > 1 && font.widthOfTextAtSize(value, size) > width - 6) value = `${value.slice(0, -2)}…`;
    return value;
  };
  /** Words to lines that fit the width (standard fonts do not wrap by themselves). */
  const wrap = (text: string, font: PDFFont, size: number, width: number) => {
    const lines: string[] = [];
    let current = "";
    for (const word of safe(text).split(" ")) {
      const candidate = current ? `${current} ${word}` : word;
      if (current && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(current);
        current = `  ${word}`;
      } else current = candidate;
    }
    if (current) lines.push(current);
    return lines;
  };
  const row = (cells: string[], font: PDFFont) => {
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const column = COLUMNS[i]!;
      const text = fit(cell, font, 9, column.width);
      const offset = column.right ? column.width - 6 - font.widthOfTextAtSize(text, 9) : 0;
      page.drawText(text, { x: x + offset, y: y - 9, size: 9, font });
      x += column.width;
    });
    y -= 15;
  };
  const header = () => {
    row(
      COLUMNS.map((c) => c.title),
      bold,
    );
    page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: A4[0] - MARGIN, y: y + 4 }, thickness: 0.5 });
  };

  write("Portail TIC", { font: bold, size: 12 });
  write("Récépissé de transmission", { font: bold, size: 18, gap: 4 });
  write("Demande de remboursement partiel de TIC (exploitants agricoles)", { size: 11, gap: 14 });
  write(`Référence : ${data.reference}`, { font: bold, size: 12 });
  write(`Transmise le ${formatDayTime(data.transmittedAt)} par ${data.transmittedBy}`, { gap: 14 });
  write(`Structure : ${data.structure.name}`);
  write(`N° de SIRET : ${formatSiret(data.structure.siret)}`);
  write(`Année de la demande (livraisons) : ${data.year}`);
  write(`Numéro PACAGE : ${data.pacage ?? "non renseigné"}`);
  write(`Catégorie de bénéficiaire : ${categoryLabel(data.beneficiaryCategory)}`);
  // Masked: a mandated structure downloads the receipt too, and sees no farm's full IBAN (0018).
  if (data.bankAccount)
    write(`Références bancaires : ${data.bankAccount.holder} — IBAN ${maskedIban(data.bankAccount.iban)} — BIC ${data.bankAccount.bic}`);
  write("Attestation : l'entreprise déclare sur l'honneur ne pas être une entreprise « en difficulté ».", { gap: 14 });
  write(`Lignes de la demande (${data.lines.length})`, { font: bold, size: 12 });
  header();
  for (const line of data.lines) {
    if (y < MARGIN + 60) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
      write(`Récépissé ${data.reference} (suite)`, { font: bold, size: 11, gap: 10 });
      header();
    }
    const product = PRODUCTS[line.product];
    row(
      [
        line.invoiceNumber,
        formatIsoShortDay(line.deliveryDate),
        product.label,
        formatQuantity(line.volumeMilli, product.unit),
        formatRate(line.rateMilliEuros),
        line.rateKind ? RATE_KIND_LABELS[line.rateKind] : "—",
        formatEuros(line.amountCents),
      ],
      regular,
    );
  }
  page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: A4[0] - MARGIN, y: y + 4 }, thickness: 0.5 });
  y -= 4;
  if (hasAdvance(data.year)) {
    const received = data.request.advanceReceived;
    write(`Montant des lignes : ${formatEuros(data.balance.totalCents)}`, { font: bold, size: 11 });
    write(`${ADVANCE_QUESTION} ${received ? "Oui" : "Non"}`, { font: bold, size: 11 });
    if (received) write(`Montant de l'avance perçue : ${formatEuros(data.balance.advanceCents)}`, { font: bold, size: 11 });
    const width = A4[0] - 2 * MARGIN;
    for (const part of wrap(balanceWords(data.balance, received), bold, 11, width)) write(part, { font: bold, size: 11, gap: 3 });
    if (data.advanceLate) for (const part of wrap(LATE_REGULARISATION, regular, 9, width)) write(part, { size: 9, gap: 2 });
    y -= 10;
  } else {
    write(`Montant des lignes : ${formatEuros(data.totalCents)}`, { font: bold, size: 12, gap: 14 });
  }
  write(
    "Taux « officiel » : publié par l'administration ; « calculé » : tarif normal d'accise moins le tarif réduit agricole (CIBS, art. L312-60 et suivants),",
    { size: 8, gap: 2 },
  );
  write(
    "calculé par le portail faute de barème officiel publié ; « provisoire » : calculé de même, une part du tarif restant à confirmer.",
    { size: 8, gap: 2 },
  );
  if (data.lines.some((line) => line.rateKind === "provisional"))
    for (const part of wrap(PROVISIONAL_RATE_SENTENCE, regular, 8, A4[0] - 2 * MARGIN)) write(part, { size: 8, gap: 2 });
  y -= 4;
  const sources = [
    ...new Set(data.lines.filter((line) => line.rateSource).map((line) => `Taux ${RATE_KIND_LABELS[line.rateKind!]} : ${line.rateSource}`)),
  ];
  if (sources.length > 0) {
    write("Sources des taux appliqués :", { font: bold, size: 8, gap: 2 });
    for (const source of sources) {
      for (const part of wrap(`– ${source}`, regular, 8, A4[0] - 2 * MARGIN)) {
        if (y < MARGIN + 30) {
          page = pdf.addPage(A4);
          y = A4[1] - MARGIN;
        }
        write(part, { size: 8, gap: 2 });
      }
    }
    y -= 6;
  }
  write("Montant de chaque ligne : volume × taux, arrondi au centime le plus proche (0,5 centime arrondi au centime supérieur) ;", {
    size: 8,
    gap: 2,
  });
  write(
    "le total est la somme des lignes arrondies. Ce récépissé atteste la transmission ; il ne préjuge pas de la décision de l'administration.",
    { size: 8 },
  );
  pdf
    .getPages()
    .forEach((p, i, all) =>
      p.drawText(`${data.reference} — page ${i + 1} sur ${all.length}`, { x: MARGIN, y: 20, size: 8, font: regular }),
    );
  return pdf.save();
}
