import { apiJson, withIntegrationToken, readOnly } from "@/lib/integrations/http";
import { petitionsCollection } from "@/lib/integrations/osdi";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return withIntegrationToken(request, async () => apiJson(await petitionsCollection()));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
