import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { storedFiles } from "@/db/schema";
import { can } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, type Db } from "@/lib/db";
import type { UploadedFile } from "@/lib/forms";
import { safeFileName } from "./file-names";
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
      originalName: safeFileName(file.upload.name),
      byteSize: file.upload.bytes.length,
      sha256: createHash("sha256").update(file.upload.bytes).digest("hex"),
      content: Buffer.from(file.upload.bytes),
      uploadedAt: now,
      uploadedBy: file.userId,
    })
    .returning({ id: storedFiles.id })
    .get().id;
}

/** A file for download, if the access policy lets this person have it; null otherwise. */
export function fileForDownload(actor: Actor | null, fileId: number) {
  if (!can(actor, "file.download", { fileId })) return null;
  return getDb().select().from(storedFiles).where(eq(storedFiles.id, fileId)).get() ?? null;
}
