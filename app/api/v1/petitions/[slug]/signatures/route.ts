import { apiError, apiJson, notFound, withIntegrationToken, readOnly } from "@/lib/integrations/http";
import { signaturesCollection } from "@/lib/integrations/osdi";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  return withIntegrationToken(request, async (actor) => {
    if (query.has("filter") && query.has("$filter")) return apiError(400, "bad_request", "send filter or $filter, not both");
    const page = await signaturesCollection(actor, slug, {
      page: query.get("page"),
      perPage: query.get("per_page"),
      cursor: query.get("cursor"),
      filter: query.get("filter") ?? query.get("$filter"),
      since: query.get("since"),
    });
    return page ? apiJson(page) : notFound(slug);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
