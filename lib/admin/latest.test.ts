import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { Actor } from "@/lib/admin/actor";

// The latest signatures of a campaign (keyset pages, email domain filter, partner scoping), the
// search by email domain, and the delivery view's comments and date, on the run's database
// (SQLite, or PostgreSQL in the runner's PostgreSQL pass).

const ROOT = path.resolve(__dirname, "../..");
const owner: Actor = { type: "admin", adminId: "owner-1", email: "owner@example.org", role: "owner", partnerId: null, partnerSlug: null };
let partner: Actor;

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let latest: typeof import("@/lib/admin/latest");
let admin: typeof import("@/lib/admin/signatures");
let delivery: typeof import("@/lib/admin/delivery");
let erase: typeof import("@/lib/signatures/erase");
let actorModule: typeof import("@/lib/admin/actor");
let campaignId: string;
let otherId: string;

beforeAll(async () => {
  database = await createTestDatabase("admin-latest");
  Object.assign(process.env, { DATABASE_URL: database.url, APP_URL: "https://sign.example.org", OUTBOX_DISPATCHER: "off" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  latest = await import("@/lib/admin/latest");
  admin = await import("@/lib/admin/signatures");
  delivery = await import("@/lib/admin/delivery");
  erase = await import("@/lib/signatures/erase");
  actorModule = await import("@/lib/admin/actor");
  const { findCampaign } = await import("@/lib/campaigns/campaigns");
  campaignId = (await findCampaign("guterres-xinjiang"))!.id;
  otherId = (await findCampaign("closed-test-campaign"))!.id;
  const amnesty = await appDb.db().partner.findUniqueOrThrow({ where: { slug: "amnesty-international" } });
  partner = { type: "admin", adminId: "partner-1", email: "p@example.org", role: "partner", partnerId: amnesty.id, partnerSlug: amnesty.slug };
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().signature.deleteMany();
});

let n = 0;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
async function signature(fields: { email?: string; fullName?: string; status?: string; createdAt?: Date; campaignId?: string; consents?: { scope: string; withdrawn?: boolean }[]; comment?: string; showName?: boolean }) {
  n += 1;
  const email = fields.email ?? `person${n}@example.org`;
  const status = fields.status ?? "confirmed";
  const { normalizeEmail } = await import("@/lib/signatures/email");
  const createdAt = fields.createdAt ?? new Date(T0 + n * 1000);
  return appDb.db().signature.create({
    data: {
      campaignId: fields.campaignId ?? campaignId,
      fullName: fields.fullName ?? `Person ${n} Example`,
      email,
      emailNormalized: normalizeEmail(email),
      country: "FR",
      comment: fields.comment ?? null,
      showName: fields.showName ?? true,
      locale: "en",
      status,
      createdAt,
      confirmedAt: status === "confirmed" ? createdAt : null,
      source: "direct",
      referralCode: `latest${n}`,
      consents: { create: (fields.consents ?? []).map((c) => ({ scope: c.scope, wording: `I agree (${c.scope})`, locale: "en", withdrawnAt: c.withdrawn ? new Date() : null })) },
    },
  });
}

async function allPages(actor: Actor, options: { domain?: string | null; limit: number }): Promise<string[][]> {
  const pages: string[][] = [];
  let before: import("@/lib/admin/latest").LatestCursor | null = null;
  for (;;) {
    const page = await latest.latestSignatures(actor, campaignId, { ...options, before });
    pages.push(page.entries.map((e) => e.fullName));
    if (!page.next) return pages;
    // the cursor survives its trip through a URL
    before = latest.decodeCursor(latest.encodeCursor(page.next));
  }
}

describe("the latest signatures of a campaign", () => {
  it("pages newest first with keyset links, every signature once, ties on the same instant ordered by id", async () => {
    const same = new Date(T0 + 500_000);
    for (let i = 1; i <= 5; i += 1) await signature({ fullName: `S${i}`, createdAt: i === 3 || i === 4 ? same : new Date(T0 + i * 100_000) });
    await signature({ fullName: "Other campaign", campaignId: otherId, createdAt: new Date(T0 + 900_000) });
    const pages = await allPages(owner, { limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const flat = pages.flat();
    expect(flat).toHaveLength(5);
    expect(new Set(flat).size).toBe(5);
    expect(flat[0]).toBe("S5");
    expect(flat.slice(1, 3).sort()).toEqual(["S3", "S4"]);
    expect(flat.slice(3)).toEqual(["S2", "S1"]);
  });

  it("shows every status and erased rows to owners, with what an admin needs", async () => {
    await signature({ fullName: "Pending One", status: "pending" });
    await signature({ fullName: "Erased One", email: "erase.me@example.org" });
    await erase.eraseSupporter(owner, "erase.me@example.org");
    const page = await latest.latestSignatures(owner, campaignId);
    expect(page.next).toBeNull();
    expect(page.entries.map((e) => [e.status, e.erased])).toEqual([
      ["confirmed", true],
      ["pending", false],
    ]);
    expect(page.entries[1]).toMatchObject({ fullName: "Pending One", country: "FR" });
    expect(page.entries[1].email).toMatch(/@example\.org$/);
    expect(page.entries[1].createdAt).toBeInstanceOf(Date);
  });

  it("finds the addresses at an email domain, however it is typed, and only those", async () => {
    await signature({ fullName: "At Example", email: "a@Example.ORG" });
    await signature({ fullName: "At Sub", email: "b@mail.example.org" });
    await signature({ fullName: "At Lookalike", email: "c@notexample.org" });
    await signature({ fullName: "At Gmail", email: "d.x@googlemail.com" });
    for (const typed of ["example.org", "@example.org", " @EXAMPLE.org "]) {
      const domain = latest.parseEmailDomain(typed);
      expect(domain, typed).toBe("example.org");
      expect((await latest.latestSignatures(owner, campaignId, { domain })).entries.map((e) => e.fullName)).toEqual(["At Example"]);
    }
    // googlemail.com is stored as gmail.com: either name finds it
    for (const typed of ["gmail.com", "googlemail.com"]) {
      expect((await latest.latestSignatures(owner, campaignId, { domain: latest.parseEmailDomain(typed) })).entries.map((e) => e.fullName)).toEqual(["At Gmail"]);
    }
    for (const bad of ["", "a@example.org", "exa mple.org", "%.org", "example_.org", "example"]) expect(latest.parseEmailDomain(bad), bad).toBeNull();
  });

  it("shows a partner admin only the confirmed supporters whose consent to their organisation is in force", async () => {
    await signature({ fullName: "Consenting", consents: [{ scope: "partner:amnesty-international" }] });
    await signature({ fullName: "Withdrew", consents: [{ scope: "partner:amnesty-international", withdrawn: true }] });
    await signature({ fullName: "Other partner", consents: [{ scope: "partner:fidh" }] });
    await signature({ fullName: "Campaign only", consents: [{ scope: "campaign" }] });
    await signature({ fullName: "Pending consenting", status: "pending", consents: [{ scope: "partner:amnesty-international" }] });
    expect((await latest.latestSignatures(partner, campaignId)).entries.map((e) => e.fullName)).toEqual(["Consenting"]);
    expect((await latest.latestSignatures(owner, campaignId)).entries).toHaveLength(5);
  });

  it("ignores a cursor that is not one", () => {
    expect(latest.decodeCursor("nonsense")).toBeNull();
    expect(latest.decodeCursor("123.abc'--")).toBeNull();
    expect(latest.decodeCursor(undefined)).toBeNull();
    const cursor = { at: new Date(T0), id: "cabc123" };
    expect(latest.decodeCursor(latest.encodeCursor(cursor))).toEqual(cursor);
  });
});

describe("searching signatures by email domain", () => {
  it("finds every address at the domain, in every campaign, typed with or without the @", async () => {
    await signature({ fullName: "Domain One", email: "one@example.org" });
    await signature({ fullName: "Domain Two", email: "two@example.org", campaignId: otherId });
    await signature({ fullName: "Not Domain", email: "three@example.net" });
    for (const query of ["example.org", "@example.org", "@Example.Org"]) {
      expect((await admin.searchSignatures(owner, query)).map((r) => r.fullName).sort(), query).toEqual(["Domain One", "Domain Two"]);
    }
    // an address still finds that address only, and a name a name
    expect((await admin.searchSignatures(owner, "one@example.org")).map((r) => r.fullName)).toEqual(["Domain One"]);
    expect((await admin.searchSignatures(owner, "Domain")).map((r) => r.fullName).sort()).toEqual(["Domain One", "Domain Two", "Not Domain"]);
  });
});

describe("the delivery view's comments and date", () => {
  it("quotes only confirmed, named, not erased signers, under their public name; owners only", async () => {
    await signature({ fullName: "Aylin Kadir", comment: "  Speak out now.  " });
    await signature({ fullName: "Hidden Person", comment: "Not for the UN", showName: false });
    await signature({ fullName: "Pending Person", comment: "Pending words", status: "pending" });
    await signature({ fullName: "Silent Named" });
    await signature({ fullName: "Erased Person", email: "erased@example.org", comment: "Erased words" });
    await erase.eraseSupporter(owner, "erased@example.org");
    const comments = await delivery.deliveryComments(owner, campaignId);
    expect(comments.map((c) => [c.name, c.comment, c.country])).toEqual([["Aylin K.", "Speak out now.", "FR"]]);
    await expect(delivery.deliveryComments(partner, campaignId)).rejects.toBeInstanceOf(actorModule.ForbiddenError);
  });
});
