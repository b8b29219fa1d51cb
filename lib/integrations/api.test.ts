import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { addSupporter, seedCampaigns } from "@/tests/unit/support/supporters";
import type { Actor } from "@/lib/admin/actor";

// Integration tokens and the OSDI-shaped signatures API against a real SQLite file.

const APP_URL = "https://sign.example.org";
let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let tokens: typeof import("@/lib/integrations/tokens");
let osdi: typeof import("@/lib/integrations/osdi");
let route: typeof import("@/app/api/v1/petitions/[slug]/signatures/route");
let one: typeof import("@/app/api/v1/petitions/[slug]/signatures/[id]/route");
let anchors: typeof import("@/lib/integrations/page-anchors");

const cli: Actor = { type: "cli", name: "operator" };
const partnerAdmin: Actor = { type: "admin", adminId: "a1", email: "p@example.org", role: "partner", partnerId: "x", partnerSlug: "amnesty-international" };

beforeAll(async () => {
  database = await createTestDatabase("api");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL, OUTBOX_DISPATCHER: "off" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  await seedCampaigns();
  tokens = await import("@/lib/integrations/tokens");
  osdi = await import("@/lib/integrations/osdi");
  route = await import("@/app/api/v1/petitions/[slug]/signatures/route");
  one = await import("@/app/api/v1/petitions/[slug]/signatures/[id]/route");
  anchors = await import("@/lib/integrations/page-anchors");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().signature.deleteMany();
  await appDb.db().integrationToken.deleteMany();
  await appDb.db().auditLog.deleteMany();
  anchors.forgetPageEnds();
  (await import("@/lib/integrations/collection-counts")).forgetCollectionCounts();
});

/** A GET of the signatures route itself, with these headers and query. */
function getSignatures(token: string | null, query = "", slug = "guterres-xinjiang"): Promise<Response> {
  const request = new Request(`${APP_URL}/api/v1/petitions/${slug}/signatures${query}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return route.GET(request, { params: Promise.resolve({ slug }) });
}

/** A GET of a signature's own URL (its `_links.self`). */
function getSignature(token: string, href: string): Promise<Response> {
  const [, slug, id] = /\/petitions\/([^/]+)\/signatures\/([^/?]+)$/.exec(href)!;
  return one.GET(new Request(href, { headers: { Authorization: `Bearer ${token}` } }), { params: Promise.resolve({ slug, id: decodeURIComponent(id) }) });
}

type Person = { identifiers: string[]; given_name?: string | null; family_name?: string | null; email_addresses?: { address: string; status: string }[] };
type Signature = Record<string, unknown> & { identifiers: string[]; "speakout:status": string; _links: { self: { href: string } }; _embedded: { "osdi:person": Person } };
type Page = {
  total_records: number;
  total_pages: number;
  page: number;
  per_page: number;
  _links: { next?: { href: string }; prev?: { href: string }; self: { href: string } };
  _embedded: { "osdi:signatures": Signature[] };
};

async function read(token: string, query: string): Promise<Page> {
  const response = await getSignatures(token, query);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}

const email = (s: Signature) => s._embedded["osdi:person"].email_addresses?.[0].address;

/** Every page by following `next` links. */
async function allPages(token: string, perPage: number): Promise<{ emails: string[]; pages: Page[] }> {
  let query = `?per_page=${perPage}`;
  const pages: Page[] = [];
  for (;;) {
    const body = await read(token, query);
    pages.push(body);
    if (!body._links.next) break;
    query = new URL(body._links.next.href).search;
  }
  return { emails: pages.flatMap((p) => p._embedded["osdi:signatures"].map(email) as string[]), pages };
}

describe("integration tokens", () => {
  it("are random, shown once and stored only as a SHA-256 hash with a short prefix", async () => {
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "CRM sync" });
    expect(token).toMatch(/^spk_[A-Za-z0-9_-]{43}$/);
    const [stored] = await database.rows<Record<string, string>>('SELECT * FROM "IntegrationToken" WHERE id = ?', view.id);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expect(token.startsWith(stored.prefix)).toBe(true);
    expect(stored.prefix).toHaveLength(10);
    const second = await tokens.createIntegrationToken(cli, { name: "Other" });
    expect(second.token).not.toBe(token);
  });

  it("verify to an integration actor, scoped to the partner they were made for", async () => {
    const owner = await tokens.createIntegrationToken(cli, { name: "All" });
    const partner = await tokens.createIntegrationToken(cli, { name: "Amnesty CRM", partnerSlug: "amnesty-international" });
    expect(await tokens.verifyIntegrationToken(owner.token)).toMatchObject({ type: "integration", tokenId: owner.view.id, partnerId: null });
    expect(await tokens.verifyIntegrationToken(partner.token)).toMatchObject({ partnerSlug: "amnesty-international" });
    expect(await tokens.verifyIntegrationToken(owner.token.slice(0, -1) + (owner.token.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await tokens.verifyIntegrationToken("not a token")).toBeNull();
  });

  it("update lastUsedAt at most once a minute", async () => {
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "x" });
    const t0 = new Date("2026-11-27T10:00:00Z");
    await tokens.verifyIntegrationToken(token, t0);
    await tokens.verifyIntegrationToken(token, new Date(t0.getTime() + 30_000));
    expect((await appDb.db().integrationToken.findUniqueOrThrow({ where: { id: view.id } })).lastUsedAt).toEqual(t0);
    await tokens.verifyIntegrationToken(token, new Date(t0.getTime() + 61_000));
    expect((await appDb.db().integrationToken.findUniqueOrThrow({ where: { id: view.id } })).lastUsedAt).toEqual(new Date(t0.getTime() + 61_000));
  });

  it("are created and revoked by owners only, and both are audited", async () => {
    await expect(tokens.createIntegrationToken(partnerAdmin, { name: "x" })).rejects.toThrow("owners only");
    await expect(tokens.createIntegrationToken(cli, { name: "  " })).rejects.toThrow("name is required");
    await expect(tokens.createIntegrationToken(cli, { name: "x", partnerSlug: "nope" })).rejects.toThrow('no partner with the slug "nope"');
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "x" });
    await expect(tokens.revokeIntegrationToken(partnerAdmin, view.id)).rejects.toThrow("owners only");
    expect(await tokens.revokeIntegrationToken(cli, view.id)).toBe(true);
    expect(await tokens.revokeIntegrationToken(cli, view.id)).toBe(false);
    expect(await tokens.verifyIntegrationToken(token)).toBeNull();
    const actions = (await appDb.db().auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((a) => [a.action, a.targetId]);
    expect(actions).toEqual([
      ["integration-token.create", view.id],
      ["integration-token.revoke", view.id],
    ]);
  });

  it("are read from Authorization: Bearer or OSDI-API-Token", () => {
    expect(tokens.tokenFromHeaders(new Headers({ Authorization: "Bearer abc" }))).toBe("abc");
    expect(tokens.tokenFromHeaders(new Headers({ "OSDI-API-Token": "abc" }))).toBe("abc");
    expect(tokens.tokenFromHeaders(new Headers({ Authorization: "Basic abc" }))).toBeNull();
  });
});

describe("the petitions API", () => {
  it("lists every campaign as an OSDI petition with its confirmed count and links", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    await addSupporter({ fullName: "Pending", email: "pending@example.org", status: "pending" });
    const { forgetCounts } = await import("@/lib/signatures/count");
    forgetCounts();
    const body = (await osdi.petitionsCollection()) as { total_records: number; _embedded: { "osdi:petitions": Record<string, unknown>[] } };
    const slugs = body._embedded["osdi:petitions"].map((p) => p.name);
    expect(slugs).toEqual(expect.arrayContaining(["guterres-xinjiang", "closed-test-campaign"]));
    expect(body.total_records).toBe(slugs.length);
    const petition = await osdi.petitionResource("guterres-xinjiang");
    expect(petition).toMatchObject({
      identifiers: ["speakout:guterres-xinjiang"],
      origin_system: "Speak Out",
      title: "Secretary-General, speak out on Xinjiang",
      total_signatures: 1,
      status: "open",
      browser_url: `${APP_URL}/c/guterres-xinjiang`,
      _links: { self: { href: `${APP_URL}/api/v1/petitions/guterres-xinjiang` }, "osdi:signatures": { href: `${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures` } },
    });
    expect(await osdi.petitionResource("no-such-campaign")).toBeNull();
  });
});

describe("the signatures API", () => {
  it("answers 401 without a token, with an unknown one and with a revoked one", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "x" });
    expect((await getSignatures(null)).status).toBe(401);
    expect((await getSignatures(`spk_${"A".repeat(43)}`)).status).toBe(401);
    expect((await getSignatures(token)).status).toBe(200);
    await tokens.revokeIntegrationToken(cli, view.id);
    const revoked = await getSignatures(token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
    expect(await revoked.json()).toEqual({ error: "unauthorized", message: expect.stringContaining("integration token") });
  });

  it("pages by page number as OSDI defines it: every confirmed signature once, the totals on every page, no link past the last", async () => {
    const same = new Date("2026-11-05T00:00:00Z");
    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      const address = `s${String(i).padStart(2, "0")}@example.org`;
      await addSupporter({ fullName: `Person ${i}`, email: address, confirmedAt: i % 2 ? same : undefined });
      expected.push(address);
    }
    await addSupporter({ fullName: "Pending", email: "pending@example.org", status: "pending" });
    await addSupporter({ fullName: "Erased", email: "erased@example.org", erased: true });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = await read(token, `?page=${page}&per_page=5`);
      expect([body.total_records, body.total_pages, body.page, body.per_page]).toEqual([12, 3, page, 5]);
      expect(Boolean(body._links.next)).toBe(page < 3);
      expect(Boolean(body._links.prev)).toBe(page > 1);
      seen.push(...(body._embedded["osdi:signatures"].map(email) as string[]));
    }
    expect(seen).toHaveLength(12);
    expect([...seen].sort()).toEqual([...expected].sort());
    // past the end: an empty page, never page 1 again
    const beyond = await read(token, "?page=4&per_page=5");
    expect([beyond.total_records, beyond.total_pages, beyond._embedded["osdi:signatures"].length]).toEqual([12, 3, 0]);
    // the same signatures in the same order through the next links
    const linked = await allPages(token, 5);
    expect(linked.emails).toEqual(seen);
    expect(linked.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(linked.pages.every((p) => p.total_records === 12 && p.total_pages === 3)).toBe(true);
  });

  it("has no next link on a full last page, and finds a page asked for out of order", async () => {
    for (let i = 0; i < 10; i++) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org` });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const byLinks = await allPages(token, 5);
    expect(byLinks.pages).toHaveLength(2);
    expect(byLinks.pages[1]._links.next).toBeUndefined();
    anchors.forgetPageEnds();
    // no page end known: page 2 is found by skipping five keys
    const second = await read(token, "?page=2&per_page=5");
    expect(second._embedded["osdi:signatures"].map(email)).toEqual(byLinks.emails.slice(5));
    expect(second._links.prev?.href).toContain("page=1");
  });

  it("starts page N+1 where page N ended, so a signer withdrawn between two pages does not make the sync skip anyone", async () => {
    for (let i = 0; i < 9; i++) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org` });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const first = await read(token, "?page=1&per_page=3");
    const { withdrawSignature } = await import("@/lib/admin/signatures");
    await withdrawSignature(cli, first._embedded["osdi:signatures"][0].identifiers[0].slice("speakout:".length));
    const second = await read(token, "?page=2&per_page=3");
    const third = await read(token, "?page=3&per_page=3");
    expect([...second._embedded["osdi:signatures"], ...third._embedded["osdi:signatures"]].map(email)).toEqual(["p3", "p4", "p5", "p6", "p7", "p8"].map((p) => `${p}@example.org`));
    expect(third.total_records).toBe(8);
  });

  it("gives the same signatures, in the same order and with the same dates, as an export of the campaign", async () => {
    const times = ["2026-11-05T09:08:07.999Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.001Z"];
    for (const [i, at] of times.entries()) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org`, confirmedAt: new Date(at) });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const { pages } = await allPages(token, 2);
    const api = pages.flatMap((p) => p._embedded["osdi:signatures"]).map((s) => ({
      id: s.identifiers[0].slice("speakout:".length),
      confirmed: s.created_date as string,
      action: s.action_date as string,
      modified: s.modified_date as string,
    }));
    const { openSignatureExport } = await import("@/lib/exports/export");
    const { parseExportParams } = await import("@/lib/exports/options");
    const opened = await openSignatureExport(cli, parseExportParams({ campaign: "guterres-xinjiang", format: "ndjson", columns: "id,confirmed_at" }), { batchSize: 3 });
    const exported = (await new Response(opened.stream).text()).trim().split("\n").map((line) => JSON.parse(line) as { id: string; confirmed_at: string });
    expect(api.map((a) => [a.id, a.confirmed])).toEqual(exported.map((e) => [e.id, e.confirmed_at]));
    expect(api.map((a) => a.confirmed)).toEqual(times);
    const stored = await appDb.db().signature.findMany({ select: { id: true, createdAt: true, updatedAt: true } });
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const a of api) {
      expect(a.action).toBe(byId.get(a.id)!.createdAt.toISOString());
      expect(a.modified).toBe(byId.get(a.id)!.updatedAt.toISOString());
    }
  });

  it("takes back a cursor only with the page it leads to", async () => {
    for (let i = 0; i < 3; i++) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org` });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const next = new URL((await read(token, "?per_page=1"))._links.next!.href);
    expect(next.searchParams.get("page")).toBe("2");
    next.searchParams.set("page", "3");
    const mismatch = await getSignatures(token, next.search);
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { message: string }).message).toContain("the cursor leads to page 2");
    // a cursor of the first version (before page numbers): refused, with what to do
    const old = Buffer.from(JSON.stringify(["2026-11-05T09:00:00.250+00:00", "abc"]), "utf8").toString("base64url");
    expect(await (await getSignatures(token, `?cursor=${old}`)).json()).toMatchObject({ error: "bad_request", message: expect.stringContaining("follow the next link") });
  });

  it("says whether each signer agreed to hear from the token's holder: the campaign for an owner", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", consents: ["campaign"] });
    await addSupporter({ fullName: "Bora Tash", email: "bora@example.org", withdrawn: ["campaign"], consents: ["partner:amnesty-international"] });
    await addSupporter({ fullName: "Chen Wei", email: "chen@example.org" });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const body = await read(token, "");
    const status = Object.fromEntries(body._embedded["osdi:signatures"].map((s) => [email(s), s._embedded["osdi:person"].email_addresses![0].status]));
    expect(status).toEqual({ "aylin@example.org": "subscribed", "bora@example.org": "unsubscribed", "chen@example.org": "unsubscribed" });
    const bora = body._embedded["osdi:signatures"][1]["speakout:consents"] as Record<string, unknown>[];
    expect(bora).toEqual([
      { scope: "campaign", wording: "I agree (campaign)", locale: "en", given_date: expect.stringMatching(/Z$/), withdrawn_date: expect.stringMatching(/Z$/) },
      { scope: "partner:amnesty-international", wording: "I agree (partner:amnesty-international)", locale: "en", given_date: expect.stringMatching(/Z$/), withdrawn_date: null },
    ]);
  });

  it("shows a partner token only the supporters who consented to that partner, subscribed, with that consent alone", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", consents: ["partner:amnesty-international"] });
    await addSupporter({ fullName: "Bora Tash", email: "bora@example.org", consents: ["partner:human-rights-watch"] });
    await addSupporter({ fullName: "Chen Wei", email: "chen@example.org", withdrawn: ["partner:amnesty-international"] });
    await addSupporter({ fullName: "Dilnur", email: "dilnur@example.org", consents: ["campaign", "partner:amnesty-international", "partner:human-rights-watch"] });
    const { token } = await tokens.createIntegrationToken(cli, { name: "Amnesty", partnerSlug: "amnesty-international" });
    const body = await read(token, "");
    expect(body.total_records).toBe(2);
    expect(body._embedded["osdi:signatures"].map(email)).toEqual(["aylin@example.org", "dilnur@example.org"]);
    expect(body._embedded["osdi:signatures"].map((s) => s._embedded["osdi:person"].email_addresses![0].status)).toEqual(["subscribed", "subscribed"]);
    expect((body._embedded["osdi:signatures"][1]["speakout:consents"] as { scope: string }[]).map((c) => c.scope)).toEqual(["partner:amnesty-international"]);
    // a signature it may not see is a 404 at its own address too
    const chen = await appDb.db().signature.findFirstOrThrow({ where: { email: "bora@example.org" } });
    expect((await getSignature(token, `${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures/speakout:${chen.id}`)).status).toBe(404);
  });

  it("has the OSDI shape: identifiers, three dates, the person embedded with its own identifiers, prefixed extensions, a self link that answers", async () => {
    const id = await addSupporter({ fullName: "Aylin Kadir Demir", email: "aylin@example.org", country: "TR", comment: "Now.", confirmedAt: new Date("2026-11-02T09:00:00Z"), source: "share", refCode: "abc123", utmSource: "newsletter" });
    const single = await addSupporter({ fullName: "Dilnur", email: "dilnur@example.org" });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const response = await getSignatures(token);
    expect(response.headers.get("content-type")).toBe("application/hal+json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Page & { _links: Record<string, unknown> };
    expect(body._links.self.href).toBe(`${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures?page=1&per_page=100`);
    expect(body._links.curies).toEqual([
      { name: "osdi", href: "https://opensupporter.github.io/osdi-docs/{rel}", templated: true },
      { name: "speakout", href: `${APP_URL}/api/v1/rels/{rel}`, templated: true },
    ]);
    const find = (signatureId: string) => body._embedded["osdi:signatures"].find((s) => s.identifiers[0] === `speakout:${signatureId}`)!;
    const [aylin, dilnur] = [find(id), find(single)];
    const stored = await appDb.db().signature.findUniqueOrThrow({ where: { id } });
    expect(aylin).toEqual({
      identifiers: [`speakout:${id}`],
      origin_system: "Speak Out",
      created_date: "2026-11-02T09:00:00.000Z",
      modified_date: stored.updatedAt.toISOString(),
      action_date: stored.createdAt.toISOString(),
      comments: "Now.",
      referrer_data: { source: "share", referrer: "abc123", website: null, url: null },
      "speakout:status": "confirmed",
      "speakout:confirmed_date": "2026-11-02T09:00:00.000Z",
      "speakout:embed_partner": null,
      "speakout:utm": { source: "newsletter", medium: null, campaign: null, term: null, content: null },
      "speakout:consents": [],
      _links: {
        self: { href: `${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures/${id}` },
        "osdi:petition": { href: `${APP_URL}/api/v1/petitions/guterres-xinjiang` },
      },
      _embedded: {
        "osdi:person": {
          identifiers: [`speakout:person-${id}`],
          given_name: "Aylin",
          family_name: "Kadir Demir",
          email_addresses: [{ address: "aylin@example.org", primary: true, status: "unsubscribed" }],
          postal_addresses: [{ country: "TR", primary: true }],
          languages_spoken: ["en"],
        },
      },
    });
    expect(dilnur._embedded["osdi:person"]).toMatchObject({ identifiers: [`speakout:person-${single}`], given_name: "Dilnur", family_name: null });
    // the self link answers with the same signature, and "speakout:<id>" names it too
    const self = (await (await getSignature(token, aylin._links.self.href)).json()) as Signature & { _links: Record<string, unknown> };
    const { curies, ...links } = self._links;
    expect(curies).toBeDefined();
    expect({ ...self, _links: links }).toEqual(aylin);
    expect((await getSignature(token, `${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures/speakout:${id}`)).status).toBe(200);
  });

  it("answers 404 at the address of a signature never confirmed, of another campaign, or that does not exist", async () => {
    const pending = await addSupporter({ fullName: "Pending", email: "pending@example.org", status: "pending" });
    const other = await addSupporter({ fullName: "Other", email: "other@example.org", campaign: "closed-test-campaign" });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    for (const id of [pending, other, "nope", "a/b"]) {
      const response = await getSignature(token, `${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures/${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: "not_found" });
    }
  });

  it("syncs incrementally with filter on modified_date: what changed since, removals as tombstones without personal data", async () => {
    const before = new Date("2026-11-01T00:00:00Z");
    const ids: Record<string, string> = {};
    for (const name of ["Aylin", "Bora", "Chen", "Dilnur", "Erkin"]) {
      ids[name] = await addSupporter({ fullName: `${name} Kadir`, email: `${name.toLowerCase()}@example.org`, consents: ["campaign", "partner:amnesty-international"] });
    }
    await appDb.db().signature.updateMany({ data: { updatedAt: before } });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const partner = await tokens.createIntegrationToken(cli, { name: "Amnesty", partnerSlug: "amnesty-international" });
    const since = "2026-11-15T00:00:00Z";
    expect((await read(token, `?filter=${encodeURIComponent(`modified_date gt '${since}'`)}`)).total_records).toBe(0);

    const { withdrawSignature } = await import("@/lib/admin/signatures");
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await withdrawSignature(cli, ids.Bora);
    await eraseSupporter(cli, "chen@example.org");
    const now = new Date();
    await appDb.db().consent.updateMany({ where: { signatureId: ids.Dilnur, scope: "partner:amnesty-international" }, data: { withdrawnAt: now } });
    await appDb.db().signature.update({ where: { id: ids.Dilnur }, data: { updatedAt: now } });

    const owner = await read(token, `?filter=${encodeURIComponent(`modified_date gt '${since}'`)}`);
    expect(owner.total_records).toBe(3);
    const byId = Object.fromEntries(owner._embedded["osdi:signatures"].map((s) => [s.identifiers[0], s]));
    expect(byId[`speakout:${ids.Bora}`]["speakout:status"]).toBe("withdrawn");
    expect(byId[`speakout:${ids.Chen}`]["speakout:status"]).toBe("erased");
    expect(byId[`speakout:${ids.Dilnur}`]["speakout:status"]).toBe("confirmed");
    for (const id of [ids.Bora, ids.Chen]) {
      const tombstone = byId[`speakout:${id}`];
      expect(Object.keys(tombstone).sort()).toEqual(["_embedded", "_links", "action_date", "created_date", "identifiers", "modified_date", "origin_system", "speakout:confirmed_date", "speakout:status"]);
      expect(tombstone._embedded).toEqual({ "osdi:person": { identifiers: [`speakout:person-${id}`] } });
    }
    expect(JSON.stringify(owner)).not.toMatch(/bora|chen/i);
    // in the order they were modified
    const modified = owner._embedded["osdi:signatures"].map((s) => s.modified_date as string);
    expect(modified).toEqual([...modified].sort());

    // the partner: Dilnur withdrew consent to it, so it learns only that
    const theirs = await read(partner.token, `?$filter=${encodeURIComponent(`modified_date ge '${since}'`)}`.replace("?$", "?%24"));
    const status = Object.fromEntries(theirs._embedded["osdi:signatures"].map((s) => [s.identifiers[0], s["speakout:status"]]));
    expect(status).toEqual({ [`speakout:${ids.Bora}`]: "withdrawn", [`speakout:${ids.Chen}`]: "erased", [`speakout:${ids.Dilnur}`]: "consent_withdrawn" });
    expect(JSON.stringify(theirs)).not.toMatch(/dilnur@|bora@/i);
    // without a modified_date condition, only the signatures still in scope
    expect((await read(partner.token, "")).total_records).toBe(2);
    expect((await read(token, `?filter=${encodeURIComponent(`created_date lt '${since}' and created_date ge '2026-01-01'`)}`)).total_records).toBe(3);
  });

  it("sends a withdrawn signature signed again, not yet confirmed, as a withdrawn tombstone, and in full once confirmed again", async () => {
    const id = await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", consents: ["campaign"] });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const since = new Date(Date.now() - 1000).toISOString();
    const { withdrawSignature } = await import("@/lib/admin/signatures");
    await withdrawSignature(cli, id);
    const { signCampaign } = await import("@/lib/signatures/sign");
    const { findCampaign } = await import("@/lib/campaigns/campaigns");
    const campaign = (await findCampaign("guterres-xinjiang"))!;
    const outcome = await signCampaign(campaign, { fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR", comment: undefined, showName: false, optInCampaign: true }, "en");
    expect(outcome).toMatchObject({ detail: "renewed" });

    const changed = await read(token, `?filter=${encodeURIComponent(`modified_date gt '${since}'`)}`);
    expect(changed._embedded["osdi:signatures"].map((s) => [s.identifiers[0], s["speakout:status"]])).toEqual([[`speakout:${id}`, "withdrawn"]]);
    expect(JSON.stringify(changed)).not.toMatch(/aylin/i);
    const self = changed._embedded["osdi:signatures"][0]._links.self.href;
    expect(await (await getSignature(token, self)).json()).toMatchObject({ "speakout:status": "withdrawn", created_date: expect.stringMatching(/Z$/) });
    expect((await read(token, "")).total_records).toBe(0);

    await appDb.db().signature.update({ where: { id }, data: { status: "confirmed", confirmedAt: new Date(), updatedAt: new Date() } });
    const again = await (await getSignature(token, self)).json();
    expect(again).toMatchObject({ "speakout:status": "confirmed", _embedded: { "osdi:person": { email_addresses: [{ address: "aylin@example.org", status: "subscribed" }] } } });
  });

  it("refuses what it cannot filter on, and other bad parameters, with a 400 that says what is supported", async () => {
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const message = async (query: string) => {
      const response = await getSignatures(token, query);
      expect(response.status, query).toBe(400);
      return ((await response.json()) as { message: string }).message;
    };
    const f = (text: string) => `?filter=${encodeURIComponent(text)}`;
    expect(await message(f("first_name eq 'John'"))).toContain('"first_name" cannot be filtered on');
    expect(await message(f("modified_date eq '2026-11-01'"))).toContain('the operator "eq" is not supported');
    expect(await message(f("modified_date gt '2026-11-01' or created_date gt '2026-11-01'"))).toContain('"or" is not supported');
    expect(await message(f("modified_date gt '2026-02-30'"))).toContain("is not a date");
    expect(await message(f("modified_date gt 2026-11-01"))).toContain("single quotes");
    expect(await message(f(""))).toContain("filter: is empty");
    expect(await message("?filter=x&%24filter=y")).toContain("not both");
    expect(await message("?per_page=0")).toContain("per_page must be");
    expect(await message(`?per_page=501`)).toContain("from 1 to 500");
    expect(await message("?page=0")).toContain("page must be");
    expect(await message("?cursor=abc")).toContain("cursor is not valid");
    expect(await message("?since=yesterday")).toContain("since");
    expect((await getSignatures(token, "", "no-such-campaign")).status).toBe(404);
    // time zones: '-05' is five hours behind UTC
    expect((await getSignatures(token, f("modified_date gt '2026-11-17T18:27:35-05' and modified_date le '2026-11-18'"))).status).toBe(200);
  });

  it("no longer lists a supporter once erased", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    await addSupporter({ fullName: "Bora Tash", email: "bora@example.org" });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    await eraseSupporter(cli, "aylin@example.org");
    const body = await read(token, "");
    expect(body.total_records).toBe(1);
    expect(JSON.stringify(body)).not.toContain("Aylin");
    expect(body._embedded["osdi:signatures"].map(email)).toEqual(["bora@example.org"]);
  });

  it("writes each page read to the audit log", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "x" });
    await getSignatures(token, "?page=1&per_page=10");
    const audit = await appDb.db().auditLog.findFirstOrThrow({ where: { action: "api.signatures.read" } });
    expect(audit).toMatchObject({ actorType: "integration", actorId: view.id });
    expect(JSON.parse(audit.details)).toMatchObject({ rows: 1, page: 1, perPage: 10 });
  });
});
