import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { bankAccounts, storedFiles } from "@/db/schema";
import { can } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, type Db } from "@/lib/db";
import type { UploadedFile } from "@/lib/forms";
import { detectAttachmentType } from "./files";

/** Writes a checked file in the caller's transaction; the type comes from its bytes. */
export function storeFile(
  tx: Db,
  file: { structureId: number; kind: "rib" | "invoice" | "receipt"; upload: UploadedFile; userId: number | null },
  now = new Date(),
): number {
  const mediaType = detectAttachmentType(file.upload.bytes);
  if (!mediaType) throw new Error("storeFile: unchecked file"); // callers check with attachmentError() first
  return tx
    .insert(storedFiles)
    .values({
      structureId: file.structureId,
      kind: file.kind,
      mediaType,
      originalName: file.upload.name.replace(/[\r\n"\\/]/g, "_") || "document",
      byteSize: file.upload.bytes.length,
      sha256: createHash("sha256").update(file.upload.bytes).digest("hex"),
      content: Buffer.from(file.upload.bytes),
      uploadedAt: now,
      uploadedBy: file.userId,
    })
    .returning({ id: storedFiles.id })
    .get().id;
}

/**
 * A file for download, if this person may see it: invoices and receipts to those who can view the
 * structure's TIC space; a RIB also to the gestionnaire principal, who recorded it.
 */
export function fileForDownload(actor: Actor | null, fileId: number) {
  const file = getDb().select().from(storedFiles).where(eq(storedFiles.id, fileId)).get();
  if (!file) return null;
  const allowed =
    can(actor, "refund.view", { structureId: file.structureId }) ||
    (file.kind === "rib" &&
      can(actor, "structure.manage", { structureId: file.structureId }) &&
      getDb().select({ id: bankAccounts.id }).from(bankAccounts).where(eq(bankAccounts.ribFileId, file.id)).get() !== undefined);
  return allowed ? file : null;
}
