import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { unavailableJson } from "@/lib/http/unavailable";
import type { Actor } from "@/lib/admin/actor";
import { ApiInputError } from "@/lib/integrations/osdi";
import { tokenFromHeaders, verifyIntegrationToken } from "@/lib/integrations/tokens";

// The integration API's HTTP conventions, shared by its route handlers: a token is required
// (401 with a WWW-Authenticate challenge otherwise, the same for a missing, unknown or revoked
// token), answers are HAL+JSON and never cached, and bad parameters get a 400 naming them.

const HEADERS = { "Content-Type": "application/hal+json; charset=utf-8", "Cache-Control": "no-store" };

export function apiJson(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

export function apiError(status: number, error: string, message: string, extra: Record<string, string> = {}): Response {
  return apiJson({ error, message }, status, extra);
}

/** Runs `handler` for a request with a valid integration token; 401 or 400 otherwise. */
export async function withIntegrationToken(request: Request, handler: (actor: Actor) => Promise<Response>): Promise<Response> {
  try {
    return await authorised(request, handler);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailableJson();
    throw error;
  }
}

async function authorised(request: Request, handler: (actor: Actor) => Promise<Response>): Promise<Response> {
  const actor = await verifyIntegrationToken(tokenFromHeaders(request.headers));
  if (!actor) {
    return apiError(401, "unauthorized", "A valid integration token is required: send it as Authorization: Bearer <token>.", {
      "WWW-Authenticate": 'Bearer realm="speakout-api"',
    });
  }
  try {
    return await handler(actor);
  } catch (error) {
    if (error instanceof ApiInputError) return apiError(400, "bad_request", error.message);
    throw error;
  }
}

export function notFound(slug: string): Response {
  return apiError(404, "not_found", `No campaign with the slug "${slug.slice(0, 100)}".`);
}
