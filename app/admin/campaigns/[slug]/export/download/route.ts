import { ForbiddenError } from "@/lib/admin/actor";
import { currentAdmin } from "@/lib/admin/session";
import { ExportInputError } from "@/lib/exports/columns";
import { ExportNotFoundError, openSignatureExport } from "@/lib/exports/export";
import { type ExportParams, parseExportParams } from "@/lib/exports/options";

export const dynamic = "force-dynamic";

// The export download: a GET (it only reads) from the export form, session required. The file
// streams from the database as it is sent (lib/exports/export.ts).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const noStore = { "Cache-Control": "no-store" };
  const actor = await currentAdmin();
  if (!actor) return new Response(null, { status: 303, headers: { Location: "/admin/sign-in", ...noStore } });
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const raw: ExportParams = { campaign: slug, columns: query.getAll("columns").join(",") };
  for (const key of ["format", "bom", "from", "to", "country", "source", "partner"] as const) raw[key] = query.get(key) ?? undefined;
  try {
    const opened = await openSignatureExport(actor, parseExportParams(raw));
    return new Response(opened.stream, {
      headers: {
        "Content-Type": opened.contentType,
        "Content-Disposition": `attachment; filename="${opened.filename}"`,
        "X-Content-Type-Options": "nosniff",
        ...noStore,
      },
    });
  } catch (error) {
    if (error instanceof ExportInputError) {
      // Back to the form with the values as sent, so it can show them again next to the reason.
      const back = new URLSearchParams(query);
      back.set("error", error.field);
      const location = `/admin/campaigns/${encodeURIComponent(slug)}/export?${back.toString()}`;
      return new Response(null, { status: 303, headers: { Location: location, ...noStore } });
    }
    if (error instanceof ExportNotFoundError) return new Response(error.message, { status: 404, headers: noStore });
    if (error instanceof ForbiddenError) return new Response("This export is not allowed for your admin role.", { status: 403, headers: noStore });
    throw error;
  }
}
