import { apiJson, readOnly } from "@/lib/integrations/http";
import { entryPoint } from "@/lib/integrations/osdi";

// The API Entry Point (OSDI's AEP): where an OSDI/HAL client starts. It names no supporter, so it
// needs no token; everything it links to does.
export const dynamic = "force-dynamic";

export function GET() {
  return apiJson(entryPoint());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = readOnly();
