import { apiJson, readOnly } from "@/lib/integrations/http";
import { relsIndex } from "@/lib/integrations/rels";

export const dynamic = "force-dynamic";

export function GET() {
  return apiJson(relsIndex());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
