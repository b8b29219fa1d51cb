import { expect, test } from "@playwright/test";
import { DEFAULT_SLUG } from "./support/campaign";
import { npmScript } from "./support/data";

// The integration API's front door as an OSDI/HAL client meets it through the app's own server:
// the entry point with and without the trailing slash, links followed from it, JSON 404s for
// unknown addresses and 405 with Allow for writes (issue 13, ADR 055).

type Link = { href: string; name?: string; templated?: boolean };

/** The path and query of an absolute link, for Playwright's request context (baseURL is the app). */
const local = (href: string): string => {
  const url = new URL(href);
  return url.pathname + url.search;
};

test.describe("the API entry point", () => {
  test("GET /api/v1 and /api/v1/ both answer the AEP, without a redirect and without a token", async ({ request }) => {
    for (const path of ["/api/v1", "/api/v1/"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/hal+json; charset=utf-8");
      const body = await response.json();
      expect(body).toMatchObject({ namespace: "speakout", osdi_version: "1.2.0", max_pagesize: 500 });
      expect(body.motd).toBeTruthy();
      expect(body.vendor_name).toBeTruthy();
      expect(body.product_name).toBeTruthy();
      expect((body._links.curies as Link[]).map((c) => c.name)).toEqual(["osdi", "speakout"]);
    }
  });

  test("a client follows osdi:petitions and osdi:signatures from the AEP with a token, and the speakout curie resolves", async ({ request }) => {
    const created = await npmScript("integration-token", ["--name", "AEP walk"]);
    expect(created.code).toBe(0);
    const headers = { Authorization: `Bearer ${created.stdout.trim()}` };

    const aep = await (await request.get("/api/v1")).json();
    const petitionsUrl = local(aep._links["osdi:petitions"].href);
    expect((await request.get(petitionsUrl)).status()).toBe(401);
    const petitions = await (await request.get(petitionsUrl, { headers })).json();
    const petition = petitions._embedded["osdi:petitions"].find((p: { identifiers: string[] }) => p.identifiers.includes(`speakout:${DEFAULT_SLUG}`));
    expect(petition).toBeTruthy();
    const page = await request.get(local(petition._links["osdi:signatures"].href), { headers });
    expect(page.status()).toBe(200);
    expect(await page.json()).toMatchObject({ page: 1, per_page: expect.any(Number), total_pages: expect.any(Number), total_records: expect.any(Number) });

    const curie = (aep._links.curies as Link[]).find((c) => c.name === "speakout")!;
    const doc = await request.get(local(curie.href.replace("{rel}", "consents")));
    expect(doc.status()).toBe(200);
    expect(await doc.json()).toMatchObject({ name: "speakout:consents" });
  });

  test("an unknown address under /api answers a JSON 404, not an HTML page", async ({ request }) => {
    for (const path of ["/api/v1/people", "/api/v1/petitions/guterres-xinjiang/outreaches", "/api/v2", "/api/v1/petitions/guterres-xinjiang/signatures/x/y"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"], path).toMatch(/^application\/(hal\+)?json/);
      expect(await response.json(), path).toMatchObject({ error: "not_found", message: expect.stringContaining("/api/v1") });
    }
  });

  test("writes answer 405 with Allow, and OPTIONS names the methods", async ({ request }) => {
    for (const path of ["/api/v1", `/api/v1/petitions/${DEFAULT_SLUG}/signatures`]) {
      for (const method of ["POST", "PUT", "DELETE"] as const) {
        const response = await request.fetch(path, { method, data: "{}", headers: { "Content-Type": "application/json" } });
        expect(response.status(), `${method} ${path}`).toBe(405);
        expect(response.headers().allow).toBe("GET, HEAD, OPTIONS");
        expect(await response.json()).toMatchObject({ error: "method_not_allowed" });
      }
      const options = await request.fetch(path, { method: "OPTIONS" });
      expect(options.status()).toBe(204);
      expect(options.headers().allow).toBe("GET, HEAD, OPTIONS");
    }
  });
});
