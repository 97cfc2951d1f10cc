import { getCurrentAgent } from "@/lib/agents/current-agent";
import { requestDocument } from "@/lib/instruction/request-file";
import { attachmentDisposition, downloadName } from "@/lib/refunds/file-names";
import { SANDBOXED_DOCUMENT_POLICY } from "@/lib/security/content-security-policy";

/**
 * An invoice, the RIB or a receipt of a request the agent instructs, opened in the browser: its
 * checked type (PDF, PNG, JPEG: never HTML), inline under a safe name, sandboxed (no script, no
 * origin), never sniffed. The same 404 whether it does not exist or is not theirs.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const agent = await getCurrentAgent();
  const { id, fileId } = await params;
  const requestId = Number(id);
  const file = agent && /^\d{1,12}$/.test(id) && /^\d{1,12}$/.test(fileId) ? requestDocument(agent, requestId, Number(fileId)) : null;
  if (!file) return new Response("Document introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": attachmentDisposition(downloadName(file.originalName, file.mediaType)).replace(/^attachment/, "inline"),
      "Content-Security-Policy": SANDBOXED_DOCUMENT_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
