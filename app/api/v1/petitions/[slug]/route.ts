import { apiJson, notFound, withIntegrationToken, readOnly } from "@/lib/integrations/http";
import { petitionResource } from "@/lib/integrations/osdi";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return withIntegrationToken(request, async () => {
    const petition = await petitionResource(slug);
    return petition ? apiJson(petition) : notFound(slug);
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
