/** Attachments (RIB, invoices): PDF, PNG or JPEG, at most 5 MB, the type read from the bytes. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export type AttachmentType = "application/pdf" | "image/png" | "image/jpeg";

export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  return null;
}

/** Why this file is refused, in French, or null. The name is never trusted. */
export function attachmentError(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return "Le fichier est vide.";
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    return "Le fichier dépasse 5 Mo : réduisez-le (scan en noir et blanc, 150 ppp) ou envoyez un PDF.";
  if (!detectAttachmentType(bytes))
    return "Seuls les fichiers PDF, PNG et JPEG sont acceptés (le contenu du fichier a été vérifié, pas seulement son nom).";
  return null;
}

/** For file inputs: what the browser proposes, and what the form says. The server decides. */
export const ATTACHMENT_ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";
export const ATTACHMENT_HINT = "PDF, PNG ou JPEG, 5 Mo au plus. Le type est vérifié d'après le contenu du fichier.";

/** Invoices joined in one sending (lib/refunds/invoice-batch.ts): a farmer's scans named after their invoices. */
export const MAX_INVOICES_PER_BATCH = 20;
