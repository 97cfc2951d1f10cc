import { getCurrentActor } from "@/lib/auth/current-actor";
import { attachmentDisposition, downloadName } from "@/lib/refunds/file-names";
import { fileForDownload } from "@/lib/refunds/stored-files";

/**
 * A RIB, an invoice or a receipt. The same 404 whether the file does not exist or is not yours, so
 * that ids reveal nothing. Always downloaded, never rendered in the portal's origin.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getCurrentActor();
  const id = Number((await params).id);
  const file = Number.isSafeInteger(id) && id > 0 ? fileForDownload(actor, id) : null;
  if (!file) return new Response("Document introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.byteSize),
      // Names stored before the rule was tightened are cleaned here too; the extension is the checked type's.
      "Content-Disposition": attachmentDisposition(downloadName(file.originalName, file.mediaType)),
      "Cache-Control": "private, no-store",
    },
  });
}
