import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { API_METHODS } from "@/lib/http/methods";
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

/**
 * The API is read-only: every route exports these beside its GET, so a write answers 405 with
 * `Allow` (as the front does before Next sees it) and OPTIONS names the methods, also when the app
 * runs without the front. `extra` adds headers, e.g. CORS on the public count.
 */
export function readOnly(extra: Record<string, string> = {}) {
  const refuse = (request: Request): Response =>
    apiError(405, "method_not_allowed", `${request.method.slice(0, 20)} is not allowed here: this API is read-only and answers ${API_METHODS.replace(/, (?=\w+$)/, " and ")} only.`, { Allow: API_METHODS, ...extra });
  return {
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    OPTIONS: (): Response => new Response(null, { status: 204, headers: { Allow: API_METHODS, "Cache-Control": "no-store", ...extra } }),
  };
}

/** Any address under /api that names nothing: a JSON 404 that points to the entry point, whatever the method. */
export function unknownApiPath(request: Request): Response {
  const pathname = new URL(request.url).pathname;
  return apiError(404, "not_found", `Nothing is at ${pathname.slice(0, 200)}. The integration API starts at its entry point, /api/v1, which links to every resource.`);
}
