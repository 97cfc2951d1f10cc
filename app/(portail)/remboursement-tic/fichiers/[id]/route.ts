import { getCurrentActor } from "@/lib/auth/current-actor";
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
  const asciiName = file.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
