import { apiError, apiJson, readOnly } from "@/lib/integrations/http";
import { relDocument } from "@/lib/integrations/rels";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ rel: string }> }) {
  const { rel } = await params;
  const document = relDocument(rel);
  return document ? apiJson(document) : apiError(404, "not_found", `No extension field "speakout:${rel.slice(0, 100)}": GET /api/v1/rels lists them.`);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
