import { apiError, apiJson, withIntegrationToken, readOnly } from "@/lib/integrations/http";
import { signatureById } from "@/lib/integrations/osdi";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  return withIntegrationToken(request, async (actor) => {
    const signature = await signatureById(actor, slug, id);
    return signature ? apiJson(signature) : apiError(404, "not_found", `No signature "${id.slice(0, 100)}" in a campaign "${slug.slice(0, 100)}" that this token may see.`);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
