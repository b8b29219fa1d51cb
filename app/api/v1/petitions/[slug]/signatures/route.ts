import { apiJson, notFound, withIntegrationToken } from "@/lib/integrations/http";
import { signaturesCollection } from "@/lib/integrations/osdi";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  return withIntegrationToken(request, async (actor) => {
    const page = await signaturesCollection(actor, slug, {
      cursor: query.get("cursor"),
      perPage: query.get("per_page"),
      since: query.get("since"),
    });
    return page ? apiJson(page) : notFound(slug);
  });
}
