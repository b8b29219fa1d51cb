import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import type { Actor } from "@/lib/admin/actor";
import type { CampaignView } from "@/lib/campaigns/model";
import type { SignatureInput } from "@/lib/signatures/schema";
import { emailOf } from "@/tests/unit/support/outbox";

// Silent handling of bursts (ADR 052) against a real database: signatures past a per-campaign
// threshold from one client or one email domain are stored as suspect, never counted or mailed,
// until an owner releases them (their link is then sent) or invalidates them.

const ROOT = path.resolve(__dirname, "../..");
const APP_URL = "https://sign.example.org";
const PER_CLIENT = 3;
const PER_DOMAIN = 4;
const LINK = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/confirm/([A-Za-z0-9_-]+)`);
const owner: Actor = { type: "admin", adminId: "owner-1", email: "owner@example.org", role: "owner", partnerId: null, partnerSlug: null };

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let sign: typeof import("@/lib/signatures/sign");
let confirm: typeof import("@/lib/signatures/confirm");
let count: typeof import("@/lib/signatures/count");
let recent: typeof import("@/lib/signatures/recent");
let suspects: typeof import("@/lib/admin/suspects");
let signatures: typeof import("@/lib/admin/signatures");
let xinjiang: CampaignView;

beforeAll(async () => {
  database = await createTestDatabase("suspects");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL,
    OUTBOX_DISPATCHER: "off",
    RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "5",
    SUSPECT_PER_CLIENT: String(PER_CLIENT),
    SUSPECT_PER_DOMAIN: String(PER_DOMAIN),
    SUSPECT_WINDOW_MINUTES: "60",
  });
  delete process.env.SMTP_URL;
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  sign = await import("@/lib/signatures/sign");
  confirm = await import("@/lib/signatures/confirm");
  count = await import("@/lib/signatures/count");
  recent = await import("@/lib/signatures/recent");
  suspects = await import("@/lib/admin/suspects");
  signatures = await import("@/lib/admin/signatures");
  const { findCampaign } = await import("@/lib/campaigns/campaigns");
  xinjiang = (await findCampaign("guterres-xinjiang"))!;
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  const db = appDb.db();
  await db.outboxMessage.deleteMany();
  await db.signature.deleteMany();
  await db.auditLog.deleteMany();
  count.forgetCounts();
  recent.forgetRecentSigners();
});

let n = 0;
function supporter(changes: Partial<SignatureInput> = {}): SignatureInput {
  n += 1;
  return { fullName: `Supporter ${n}`, email: `person${n}@example${n}.org`, country: "FR", comment: undefined, showName: true, optInCampaign: false, ...changes };
}

const ATTACKER = "203.0.113.9";

async function signFrom(clientKey: string, changes: Partial<SignatureInput> = {}, now = new Date()) {
  const outcome = await sign.signCampaign(xinjiang, supporter(changes), "en", now, { clientKey });
  return outcome.status === "accepted" ? outcome.detail : outcome.status;
}

const mails = () => appDb.db().outboxMessage.findMany({ where: { channel: "email" }, orderBy: { createdAt: "asc" } });
const byStatus = async () =>
  Object.fromEntries((await appDb.db().signature.groupBy({ by: ["status"], _count: { _all: true } })).map((g) => [g.status, g._count._all]));

async function confirmAll(): Promise<void> {
  for (const mail of await mails()) {
    const token = LINK.exec(emailOf(mail).text)?.[1];
    if (token) await confirm.confirmSignature(token);
  }
}

describe("a burst from one client address", () => {
  it(`stores signatures past ${PER_CLIENT} in the window as suspect: same answer, no mail, no link, not counted`, async () => {
    const outcomes = [];
    for (let i = 0; i < PER_CLIENT + 2; i++) outcomes.push(await signFrom(ATTACKER));

    expect(outcomes).toEqual([...Array(PER_CLIENT).fill("new"), "suspect", "suspect"]);
    expect(await byStatus()).toEqual({ pending: PER_CLIENT, suspect: 2 });
    expect(await mails()).toHaveLength(PER_CLIENT);
    const held = await appDb.db().signature.findMany({ where: { status: "suspect" }, include: { tokens: true } });
    expect(held.every((s) => s.tokens.length === 0)).toBe(true);

    // Another client is not affected.
    expect(await signFrom("198.51.100.7")).toBe("new");

    await confirmAll();
    count.forgetCounts();
    recent.forgetRecentSigners();
    expect(await count.confirmedCount(xinjiang.id)).toBe(PER_CLIENT + 1);
    const listed = (await recent.recentPublicSigners(xinjiang.id, 50)).map((s) => s.name);
    for (const s of held) expect(listed).not.toContain(s.fullName);
  });

  it("stores only a keyed hash of the address, never the address", async () => {
    await signFrom(ATTACKER);
    const [row] = await appDb.db().signature.findMany();
    expect(row.clientHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.clientHash).not.toContain(ATTACKER);
    expect(JSON.stringify(row)).not.toContain(ATTACKER);
  });

  it("counts only the signatures inside the window", async () => {
    const earlier = new Date(Date.now() - 61 * 60 * 1000);
    for (let i = 0; i < PER_CLIENT; i++) expect(await signFrom(ATTACKER, {}, earlier)).toBe("new");
    expect(await signFrom(ATTACKER)).toBe("new");
  });

  it("answers a suspect's repeat as usual and still sends nothing", async () => {
    for (let i = 0; i < PER_CLIENT; i++) await signFrom(ATTACKER);
    const email = "held@example.net";
    expect(await signFrom(ATTACKER, { email })).toBe("suspect");
    expect(await signFrom("198.51.100.7", { email })).toBe("suspect");
    expect(await mails()).toHaveLength(PER_CLIENT);
  });
});

describe("a burst from one email domain", () => {
  it(`holds signatures past ${PER_DOMAIN} from one domain, whatever the client`, async () => {
    const outcomes = [];
    for (let i = 0; i < PER_DOMAIN + 2; i++) outcomes.push(await signFrom(`192.0.2.${i}`, { email: `p${i}@spam.example` }));
    expect(outcomes).toEqual([...Array(PER_DOMAIN).fill("new"), "suspect", "suspect"]);
  });

  it("does not hold the big webmail domains (on the allow list)", async () => {
    const outcomes = [];
    for (let i = 0; i < PER_DOMAIN + 2; i++) outcomes.push(await signFrom(`192.0.2.${i}`, { email: `p${i}@gmail.com` }));
    expect(outcomes.every((o) => o === "new")).toBe(true);
  });
});

describe("an owner", () => {
  async function burst() {
    for (let i = 0; i < PER_CLIENT + 3; i++) await signFrom(ATTACKER, { email: `p${i}@held.example` });
  }

  it("sees the suspects grouped by client (a short label, never the address) and by domain", async () => {
    await burst();
    const summary = await suspects.suspectSummary(owner, xinjiang.id);
    expect(summary.total).toBe(3);
    expect(summary.clients).toHaveLength(1);
    expect(summary.clients[0]).toMatchObject({ count: 3, label: expect.stringMatching(/^client [A-Za-z0-9_-]{8}$/) });
    expect(JSON.stringify(summary)).not.toContain(ATTACKER);
    expect(summary.domains).toEqual([expect.objectContaining({ domain: "held.example", count: 3 })]);
  });

  it("releases a client's suspects: they become pending, are mailed their link, and count once confirmed", async () => {
    await burst();
    const { clients } = await suspects.suspectSummary(owner, xinjiang.id);
    expect(await mails()).toHaveLength(PER_CLIENT);

    expect(await suspects.releaseSuspects(owner, xinjiang, { by: "client", clientHash: clients[0].clientHash })).toEqual({ released: 3, remaining: 0 });

    expect(await byStatus()).toEqual({ pending: PER_CLIENT + 3 });
    expect(await mails()).toHaveLength(PER_CLIENT + 3);
    await confirmAll();
    count.forgetCounts();
    expect(await count.confirmedCount(xinjiang.id)).toBe(PER_CLIENT + 3);
    const audit = await appDb.db().auditLog.findMany({ where: { action: "signatures.release" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toEqual({ filter: { by: "client" }, signatures: 3 });
    expect(audit[0].details).not.toContain(clients[0].clientHash);
  });

  it("releases by domain", async () => {
    await burst();
    expect(await suspects.releaseSuspects(owner, xinjiang, { by: "domain", domain: "held.example" })).toEqual({ released: 3, remaining: 0 });
    expect(await suspects.releaseSuspects(owner, xinjiang, { by: "domain", domain: "held.example" })).toEqual({ released: 0, remaining: 0 });
  });

  it("invalidates a client's signatures with the bulk invalidation, suspects included, audited without the hash", async () => {
    await burst();
    const { clients } = await suspects.suspectSummary(owner, xinjiang.id);
    const filter = { by: "client" as const, clientHash: clients[0].clientHash };
    expect(await signatures.previewInvalidation(owner, xinjiang.id, filter)).toMatchObject({ pending: PER_CLIENT, confirmed: 0, suspect: 3 });

    expect(await signatures.applyInvalidation(owner, xinjiang.id, filter, "bot")).toEqual({ invalidated: PER_CLIENT + 3 });
    expect(await byStatus()).toEqual({ invalidated: PER_CLIENT + 3 });
    const audit = await appDb.db().auditLog.findFirstOrThrow({ where: { action: "signatures.invalidate" } });
    expect(audit.details).not.toContain(clients[0].clientHash);
    // Released after invalidation: nothing to release, nothing mailed.
    expect(await suspects.releaseSuspects(owner, xinjiang, { by: "all" })).toEqual({ released: 0, remaining: 0 });
  });

  it("is the only one who may see or release suspects", async () => {
    const partnerAdmin: Actor = { type: "admin", adminId: "p", email: "p@example.org", role: "partner", partnerId: "x", partnerSlug: "x" };
    await expect(suspects.suspectSummary(partnerAdmin, xinjiang.id)).rejects.toThrow();
    await expect(suspects.releaseSuspects(partnerAdmin, xinjiang, { by: "all" })).rejects.toThrow();
  });
});

describe("the trending list", () => {
  it("lists clients and domains of the window below the threshold too, with suspect counts, without invalidated or older signatures", async () => {
    const quiet = "198.51.100.20";
    // Older than the window (signed first, so as not to count in the recent ones' window): not listed.
    const earlier = new Date(Date.now() - 61 * 60 * 1000);
    for (let i = 0; i < 3; i++) await signFrom(quiet, { email: `old${i}@trend.example` }, earlier);
    await signFrom("192.0.2.50", { email: "old@old.example" }, earlier);
    await signFrom("192.0.2.51", { email: "old2@old.example" }, earlier);
    // Below both thresholds: 2 from one client, at one domain.
    await signFrom(quiet, { email: "a@trend.example" });
    await signFrom(quiet, { email: "b@trend.example" });
    // Past the client threshold: PER_CLIENT + 2 from the attacker, the last 2 suspect.
    for (let i = 0; i < PER_CLIENT + 2; i++) await signFrom(ATTACKER, { email: `p${i}@wave.example` });
    // A single signature is not a trend.
    await signFrom("192.0.2.60", { email: "lone@lone.example" });
    // Invalidated: not counted.
    await signFrom("192.0.2.70", { email: "x1@gone.example" });
    await signFrom("192.0.2.71", { email: "x2@gone.example" });
    await appDb.db().signature.updateMany({ where: { emailDomain: "gone.example" }, data: { status: "invalidated", invalidatedAt: new Date() } });

    const trending = await suspects.trendingSummary(owner, xinjiang.id);
    expect(trending.windowMinutes).toBe(60);
    expect(trending.clients.map((c) => [c.count, c.suspect])).toEqual([
      [PER_CLIENT + 2, 2],
      [2, 0],
    ]);
    for (const c of trending.clients) expect(c.label).toBe(suspects.clientLabel(c.clientHash));
    expect(trending.domains.map((d) => [d.domain, d.count, d.suspect, d.webmail])).toEqual([
      ["wave.example", PER_CLIENT + 2, 2, false],
      ["trend.example", 2, 0, false],
    ]);
    const text = JSON.stringify(trending);
    for (const address of [ATTACKER, quiet]) expect(text).not.toContain(address);
    expect(text).not.toContain("@");

    // Each group is one click from the bulk invalidation, which takes non-suspect signatures too.
    const quietClient = trending.clients[1].clientHash;
    // (by client: the older ones too, unless they were signed the day before, under another day's key)
    const byClient = await signatures.previewInvalidation(owner, xinjiang.id, { by: "client", clientHash: quietClient });
    expect(byClient).toMatchObject({ confirmed: 0, suspect: 0 });
    expect(byClient.pending).toBeGreaterThanOrEqual(2);
    // by domain: every signature of the domain, not only the window's
    expect(await signatures.previewInvalidation(owner, xinjiang.id, { by: "domain", domain: "trend.example" })).toMatchObject({ pending: 2 + 3, suspect: 0 });
  });

  it("keeps only the top groups, and is for owners only", async () => {
    for (let i = 0; i < suspects.TRENDING_TOP + 2; i++) {
      await signFrom(`192.0.2.${i}`, { email: `a@d${i}.example` });
      await signFrom(`192.0.2.${i}`, { email: `b@d${i}.example` });
    }
    const trending = await suspects.trendingSummary(owner, xinjiang.id);
    expect(trending.clients).toHaveLength(suspects.TRENDING_TOP);
    expect(trending.domains).toHaveLength(suspects.TRENDING_TOP);
    const partnerAdmin: Actor = { type: "admin", adminId: "p", email: "p@example.org", role: "partner", partnerId: "x", partnerSlug: "x" };
    await expect(suspects.trendingSummary(partnerAdmin, xinjiang.id)).rejects.toThrow();
  });
});

describe("the client hash", () => {
  it(`is cleared ${"6"} hours after signing by the job, and the suspect stays listed without it`, async () => {
    const old = new Date(Date.now() - 7 * 60 * 60 * 1000);
    for (let i = 0; i < PER_CLIENT + 1; i++) await signFrom(ATTACKER, {}, old);
    await signFrom(ATTACKER);

    expect(await (await import("@/lib/signatures/client-hash")).forgetClientHashes()).toBe(PER_CLIENT + 1);
    expect(await appDb.db().signature.count({ where: { clientHash: { not: null } } })).toBe(1);
    const summary = await suspects.suspectSummary(owner, xinjiang.id);
    expect(summary).toMatchObject({ total: 1, clientsForgotten: 1, clients: [] });
  });
});
