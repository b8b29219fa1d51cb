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
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().signature.deleteMany();
  await appDb.db().integrationToken.deleteMany();
  await appDb.db().auditLog.deleteMany();
});

/** A GET of the signatures route itself, with these headers and query. */
function getSignatures(token: string | null, query = "", slug = "guterres-xinjiang"): Promise<Response> {
  const request = new Request(`${APP_URL}/api/v1/petitions/${slug}/signatures${query}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return route.GET(request, { params: Promise.resolve({ slug }) });
}

type Page = { total_records: number; _links: { next?: { href: string } }; _embedded: { "osdi:signatures": { identifiers: string[]; person: { given_name: string; email_addresses: { address: string }[] } }[] } };

async function allPages(token: string, perPage: number): Promise<{ emails: string[]; pages: number }> {
  let query = `?per_page=${perPage}`;
  const emails: string[] = [];
  let pages = 0;
  for (;;) {
    const response = await getSignatures(token, query);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    pages++;
    emails.push(...body._embedded["osdi:signatures"].map((s) => s.person.email_addresses[0].address));
    if (!body._links.next) break;
    query = new URL(body._links.next.href).search;
  }
  return { emails, pages };
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

  it("pages through every confirmed signature exactly once, even with equal confirmation times", async () => {
    const same = new Date("2026-11-05T00:00:00Z");
    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      const email = `s${String(i).padStart(2, "0")}@example.org`;
      await addSupporter({ fullName: `Person ${i}`, email, confirmedAt: i % 2 ? same : undefined });
      expected.push(email);
    }
    await addSupporter({ fullName: "Pending", email: "pending@example.org", status: "pending" });
    await addSupporter({ fullName: "Erased", email: "erased@example.org", erased: true });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const { emails, pages } = await allPages(token, 5);
    expect(pages).toBe(3);
    expect(emails.sort()).toEqual(expected.sort());
    const first = (await (await getSignatures(token, "?per_page=5")).json()) as Page;
    expect(first.total_records).toBe(12);
    const second = await (await getSignatures(token, new URL(first._links.next!.href).search)).json();
    expect(second).not.toHaveProperty("total_records");
  });

  it("gives the same signatures, in the same order and with the same dates, as an export of the campaign", async () => {
    const times = ["2026-11-05T09:08:07.999Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.000Z", "2026-11-05T09:08:08.001Z"];
    for (const [i, at] of times.entries()) await addSupporter({ fullName: `Person ${i}`, email: `p${i}@example.org`, confirmedAt: new Date(at) });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const api: { id: string; confirmed: string; created: string; modified: string }[] = [];
    let query = "?per_page=2";
    for (;;) {
      const body = (await (await getSignatures(token, query)).json()) as {
        _links: { next?: { href: string } };
        _embedded: { "osdi:signatures": { identifiers: string[]; "speakout:confirmed_date": string; "speakout:signed_date": string; modified_date: string }[] };
      };
      for (const s of body._embedded["osdi:signatures"]) {
        api.push({ id: s.identifiers[0].slice("speakout:".length), confirmed: s["speakout:confirmed_date"], created: s["speakout:signed_date"], modified: s.modified_date });
      }
      if (!body._links.next) break;
      query = new URL(body._links.next.href).search;
    }
    const { openSignatureExport } = await import("@/lib/exports/export");
    const { parseExportParams } = await import("@/lib/exports/options");
    const opened = await openSignatureExport(cli, parseExportParams({ campaign: "guterres-xinjiang", format: "ndjson", columns: "id,confirmed_at" }), { batchSize: 3 });
    const exported = (await new Response(opened.stream).text()).trim().split("\n").map((line) => JSON.parse(line) as { id: string; confirmed_at: string });
    expect(api.map((a) => [a.id, a.confirmed])).toEqual(exported.map((e) => [e.id, e.confirmed_at]));
    expect(api.map((a) => a.confirmed)).toEqual(times);
    const stored = await appDb.db().signature.findMany({ select: { id: true, createdAt: true, updatedAt: true } });
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const a of api) {
      expect(a.created).toBe(byId.get(a.id)!.createdAt.toISOString());
      expect(a.modified).toBe(byId.get(a.id)!.updatedAt.toISOString());
    }
  });

  it("still takes a cursor from before PostgreSQL support (the time as SQLite stored it, \"+00:00\")", async () => {
    await addSupporter({ fullName: "First", email: "first@example.org", confirmedAt: new Date("2026-11-05T09:00:00.250Z") });
    await addSupporter({ fullName: "Second", email: "second@example.org", confirmedAt: new Date("2026-11-05T09:00:00.250Z") });
    await addSupporter({ fullName: "Third", email: "third@example.org", confirmedAt: new Date("2026-11-05T09:00:01Z") });
    const sameTime = (await appDb.db().signature.findMany({ where: { email: { not: "third@example.org" } }, select: { id: true, email: true } })).sort((a, b) => (a.id < b.id ? -1 : 1));
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const old = Buffer.from(JSON.stringify(["2026-11-05T09:00:00.250+00:00", sameTime[0].id]), "utf8").toString("base64url");
    const response = await getSignatures(token, `?cursor=${old}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Page;
    expect(body._embedded["osdi:signatures"].map((s) => s.person.email_addresses[0].address)).toEqual([sameTime[1].email, "third@example.org"]);
    // a cursor made now holds the time in ISO 8601 UTC
    const paged = (await (await getSignatures(token, "?per_page=1")).json()) as Page;
    const cursor = new URL(paged._links.next!.href).searchParams.get("cursor")!;
    expect(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))[0]).toBe("2026-11-05T09:00:00.250Z");
  });

  it("shows a partner token only the supporters who consented to that partner", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org", consents: ["partner:amnesty-international"] });
    await addSupporter({ fullName: "Bora Tash", email: "bora@example.org", consents: ["partner:human-rights-watch"] });
    await addSupporter({ fullName: "Chen Wei", email: "chen@example.org", withdrawn: ["partner:amnesty-international"] });
    await addSupporter({ fullName: "Dilnur", email: "dilnur@example.org", consents: ["campaign", "partner:amnesty-international", "partner:human-rights-watch"] });
    const { token } = await tokens.createIntegrationToken(cli, { name: "Amnesty", partnerSlug: "amnesty-international" });
    const body = (await (await getSignatures(token)).json()) as Page & { _embedded: { "osdi:signatures": { "speakout:consents": unknown }[] } };
    expect(body.total_records).toBe(2);
    expect(body._embedded["osdi:signatures"].map((s) => s.person.email_addresses[0].address)).toEqual(["aylin@example.org", "dilnur@example.org"]);
    expect(body._embedded["osdi:signatures"][1]["speakout:consents"]).toEqual({ campaign: true, partners: ["amnesty-international"] });
  });

  it("has the OSDI shape: identifiers, dates, person, links", async () => {
    const id = await addSupporter({ fullName: "Aylin Kadir Demir", email: "aylin@example.org", country: "TR", comment: "Now.", confirmedAt: new Date("2026-11-02T09:00:00Z") });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    const response = await getSignatures(token);
    expect(response.headers.get("content-type")).toBe("application/hal+json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body._links.self.href).toBe(`${APP_URL}/api/v1/petitions/guterres-xinjiang/signatures?per_page=100`);
    expect(body._links.next).toBeUndefined();
    expect(body._embedded["osdi:signatures"][0]).toMatchObject({
      identifiers: [`speakout:${id}`],
      origin_system: "Speak Out",
      created_date: "2026-11-02T09:00:00.000Z",
      comments: "Now.",
      person: { given_name: "Aylin", family_name: "Kadir Demir", email_addresses: [{ address: "aylin@example.org", primary: true }], postal_addresses: [{ country: "TR", primary: true }] },
      _links: { "osdi:petition": { href: `${APP_URL}/api/v1/petitions/guterres-xinjiang` } },
    });
  });

  it("refuses bad parameters with a 400 naming them, and unknown campaigns with a 404", async () => {
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    expect(await (await getSignatures(token, "?per_page=0")).json()).toMatchObject({ error: "bad_request", message: expect.stringContaining("per_page must be") });
    expect((await getSignatures(token, "?cursor=abc")).status).toBe(400);
    expect((await getSignatures(token, "?since=yesterday")).status).toBe(400);
    expect((await getSignatures(token, "", "no-such-campaign")).status).toBe(404);
  });

  it("no longer shows a supporter once erased", async () => {
    const { eraseSupporter } = await import("@/lib/signatures/erase");
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    await addSupporter({ fullName: "Bora Tash", email: "bora@example.org" });
    const { token } = await tokens.createIntegrationToken(cli, { name: "x" });
    await eraseSupporter(cli, "aylin@example.org");
    const body = (await (await getSignatures(token)).json()) as Page;
    expect(body.total_records).toBe(1);
    expect(JSON.stringify(body)).not.toContain("Aylin");
    expect(body._embedded["osdi:signatures"].map((s) => s.person.email_addresses[0].address)).toEqual(["bora@example.org"]);
  });

  it("writes each page read to the audit log", async () => {
    await addSupporter({ fullName: "Aylin Kadir", email: "aylin@example.org" });
    const { token, view } = await tokens.createIntegrationToken(cli, { name: "x" });
    await getSignatures(token);
    const audit = await appDb.db().auditLog.findFirstOrThrow({ where: { action: "api.signatures.read" } });
    expect(audit).toMatchObject({ actorType: "integration", actorId: view.id });
    expect(JSON.parse(audit.details)).toMatchObject({ rows: 1 });
  });
});
