// Small real documents for uploads: a PDF, a PNG, and an executable disguised as a PDF.
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { UploadedFile } from "@/lib/forms";

export async function pdfFile(name: string, text = name): Promise<UploadedFile> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText(text, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return { name, bytes: await doc.save() };
}

/** A 1×1 PNG. */
export const PNG_FILE: UploadedFile = {
  name: "facture.png",
  bytes: Uint8Array.from(
    Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
  ),
};

/** An ELF executable renamed « facture.pdf ». */
export const DISGUISED_EXECUTABLE: UploadedFile = {
  name: "facture.pdf",
  bytes: Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]),
};

export const csv = (text: string): UploadedFile => ({ name: "lignes.csv", bytes: new TextEncoder().encode(text) });

/** The text of every page of a PDF, read by Mozilla's pdf.js. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n");
}
