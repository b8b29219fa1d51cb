import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { frontConfig, refusal, refusalResponse, rewrittenUrl } from "@/lib/http/front";
import { parseEnv } from "@/lib/env";

// The API Entry Point, the `speakout` curie's documentation, and the API's answers to unknown
// addresses and wrong methods, as a HAL client meets them (issue 13, ADR 055). Route handlers are
// called as Next calls them; none of these reads the database.

const APP_URL = "https://sign.example.org";
let aep: typeof import("@/app/api/v1/route");
let rels: typeof import("@/app/api/v1/rels/route");
let rel: typeof import("@/app/api/v1/rels/[rel]/route");
let unknown: typeof import("@/app/api/[...path]/route");
let signatures: typeof import("@/app/api/v1/petitions/[slug]/signatures/route");
let count: typeof import("@/app/api/v1/campaigns/[slug]/route");

beforeAll(async () => {
  process.env.APP_URL = APP_URL;
  aep = await import("@/app/api/v1/route");
  rels = await import("@/app/api/v1/rels/route");
  rel = await import("@/app/api/v1/rels/[rel]/route");
  unknown = await import("@/app/api/[...path]/route");
  signatures = await import("@/app/api/v1/petitions/[slug]/signatures/route");
  count = await import("@/app/api/v1/campaigns/[slug]/route");
});

type Link = { href: string; name?: string; templated?: boolean };
type Aep = Record<string, unknown> & { _links: Record<string, Link | Link[]> & { curies: Link[] } };

describe("the API Entry Point (GET /api/v1)", () => {
  it("answers HAL+JSON without a token, with every field OSDI's AEP defines", async () => {
    const response = aep.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/hal+json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Aep;
    expect(body).toMatchObject({ namespace: "speakout", osdi_version: "1.2.0", max_pagesize: 500, vendor_name: "Speak Out", product_name: "Speak Out" });
    expect(body.motd).toEqual(expect.stringContaining("osdi:petitions"));
    expect(body._links.self).toEqual({ href: `${APP_URL}/api/v1`, title: expect.any(String) });
    expect(body._links["osdi:petitions"]).toMatchObject({ href: `${APP_URL}/api/v1/petitions` });
  });

  it("declares curies for osdi and speakout, and the speakout curie resolves to our own documentation", async () => {
    const { _links } = (await aep.GET().json()) as Aep;
    expect(_links.curies).toEqual([
      { name: "osdi", href: "https://opensupporter.github.io/osdi-docs/{rel}", templated: true },
      { name: "speakout", href: `${APP_URL}/api/v1/rels/{rel}`, templated: true },
    ]);
    const href = _links.curies[1].href.replace("{rel}", "consents");
    const response = await rel.GET(new Request(href), { params: Promise.resolve({ rel: "consents" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "speakout:consents", _links: { self: { href } } });
  });

  it("documents every speakout: field a signature carries, and answers 404 for a name it does not define", async () => {
    const source = readFileSync("lib/integrations/signature-resource.ts", "utf8");
    const used = [...new Set([...source.matchAll(/"speakout:([a-z_]+)"/g)].map((m) => m[1]))].sort();
    expect(used.length).toBeGreaterThanOrEqual(5);
    const index = (await rels.GET().json()) as { rels: { name: string; href: string }[] };
    const documented = index.rels.map((r) => r.name.replace("speakout:", ""));
    expect(documented).toEqual(expect.arrayContaining(used));
    for (const r of index.rels) expect(r.href).toBe(`${APP_URL}/api/v1/rels/${r.name.replace("speakout:", "")}`);

    const missing = await rel.GET(new Request(`${APP_URL}/api/v1/rels/nope`), { params: Promise.resolve({ rel: "nope" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found", message: expect.stringContaining('"speakout:nope"') });
  });
});

describe("unknown addresses and wrong methods under /api", () => {
  it("answers a JSON 404 that points to the entry point, for any method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const response = unknown[method as "GET"](new Request(`${APP_URL}/api/v1/people`, { method }));
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/hal\+json/);
      expect(await response.json()).toEqual({ error: "not_found", message: expect.stringMatching(/\/api\/v1\/people\b.*entry point, \/api\/v1/) });
    }
  });

  it("answers a write to a resource with 405 and Allow, and OPTIONS with 204 and Allow", async () => {
    const post = signatures.POST(new Request(`${APP_URL}/api/v1/petitions/x/signatures`, { method: "POST" }));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await post.json()).toEqual({ error: "method_not_allowed", message: expect.stringContaining("read-only") });
    const options = signatures.OPTIONS();
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    // the public count keeps its CORS header on these answers too
    expect(count.DELETE(new Request(`${APP_URL}/api/v1/campaigns/x`, { method: "DELETE" })).headers.get("access-control-allow-origin")).toBe("*");
    expect(aep.PUT(new Request(`${APP_URL}/api/v1`, { method: "PUT" })).status).toBe(405);
  });

  it("the front refuses the same writes before Next sees them, with the same Allow", () => {
    const config = frontConfig(parseEnv({ APP_URL }));
    const refused = refusal({ method: "POST", url: "/api/v1/petitions", headers: {} }, config);
    expect(refused).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS" });
    const { headers, body } = refusalResponse(refused!, "/api/v1/petitions");
    expect(headers).toMatchObject({ Allow: "GET, HEAD, OPTIONS", "Content-Type": "application/json" });
    expect(JSON.parse(body)).toMatchObject({ error: "method_not_allowed" });
    expect(refusal({ method: "OPTIONS", url: "/api/v1", headers: {} }, config)).toBeNull();
  });

  it("the front serves an API address with a trailing slash as the address without it, query kept; pages keep Next's redirect", () => {
    expect(rewrittenUrl("/api/v1/")).toBe("/api/v1");
    expect(rewrittenUrl("/api/v1//")).toBe("/api/v1");
    expect(rewrittenUrl("/api/v1/petitions/?page=2")).toBe("/api/v1/petitions?page=2");
    expect(rewrittenUrl("/api/v1")).toBe("/api/v1");
    expect(rewrittenUrl("/c/guterres-xinjiang/")).toBe("/c/guterres-xinjiang/");
    expect(rewrittenUrl("/?next=/api/v1/")).toBe("/?next=/api/v1/");
    expect(rewrittenUrl(undefined)).toBe("/");
  });
});
