import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { emailOf } from "@/tests/unit/support/outbox";

// Admin sign-in by one-time email link and the sessions it opens, against a real SQLite file.

const ROOT = path.resolve(__dirname, "../..");
const APP_URL = "https://sign.example.org";
const OWNER = "owner@example.org";
const LINK = new RegExp(`${APP_URL.replace(/[.]/g, "\\.")}/admin/sign-in/verify\\?token=([A-Za-z0-9_-]+)`);

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let signIn: typeof import("@/lib/admin/sign-in");
let store: typeof import("@/lib/admin/session-store");
let tokens: typeof import("@/lib/security/tokens");
let partnerId: string;

beforeAll(async () => {
  database = await createTestDatabase("admin-sign-in");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL,
    OUTBOX_DISPATCHER: "off",
    ADMIN_EMAILS: ` ${OWNER.toUpperCase()} , second-owner@example.org`,
    RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "3",
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content"))]);
  signIn = await import("@/lib/admin/sign-in");
  store = await import("@/lib/admin/session-store");
  tokens = await import("@/lib/security/tokens");
  partnerId = (await appDb.db().partner.findFirstOrThrow()).id;
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  const db = appDb.db();
  await db.outboxMessage.deleteMany();
  await db.adminLoginToken.deleteMany();
  await db.adminSession.deleteMany();
  await db.adminUser.deleteMany();
  await db.auditLog.deleteMany();
});

async function linkSentTo(address: string): Promise<string> {
  const mails = await appDb.db().outboxMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: "asc" } });
  const last = mails[mails.length - 1];
  const match = last ? emailOf(last).text.match(LINK) : null;
  if (!match) throw new Error(`no sign-in link queued to ${address}`);
  return match[1];
}

async function signedInToken(address: string, now = new Date()): Promise<string> {
  await signIn.requestSignInLink(address, now);
  const result = await signIn.consumeSignInLink(await linkSentTo(address), now);
  if (result.status !== "signed-in") throw new Error("sign-in failed");
  return result.sessionToken;
}

describe("asking for a sign-in link", () => {
  it("mails an owner listed in ADMIN_EMAILS a one-time link stored only as its SHA-256", async () => {
    expect(await signIn.requestSignInLink("Owner@Example.org")).toBe("sent");
    const [mail] = await appDb.db().outboxMessage.findMany();
    expect(mail).toMatchObject({ kind: "admin.sign-in", toAddress: OWNER });
    expect(emailOf(mail).subject).toBe("Your sign-in link for the campaign admin");
    const token = await linkSentTo(OWNER);
    expect(tokens.isWellFormedToken(token)).toBe(true);
    expect(emailOf(mail).html).toContain(`href="${APP_URL}/admin/sign-in/verify?token=${token}"`);
    const stored = await appDb.db().adminLoginToken.findFirstOrThrow();
    expect(stored.tokenHash).toBe(tokens.hashToken(token));
    expect(JSON.stringify(await database.rows('SELECT * FROM "AdminLoginToken"'))).not.toContain(token);
  });

  it("makes the link expire after 15 minutes", async () => {
    const now = new Date("2026-05-01T10:00:00Z");
    await signIn.requestSignInLink(OWNER, now);
    const stored = await appDb.db().adminLoginToken.findFirstOrThrow();
    expect(stored.expiresAt.toISOString()).toBe("2026-05-01T10:15:00.000Z");
  });

  it("sends nothing and stores nothing for an address that is not an admin", async () => {
    expect(await signIn.requestSignInLink("stranger@example.org")).toBe("not-an-admin");
    expect(await appDb.db().outboxMessage.count()).toBe(0);
    expect(await appDb.db().adminLoginToken.count()).toBe(0);
  });

  it("mails an invited partner admin, but not a disabled one", async () => {
    await appDb.db().adminUser.create({ data: { email: "partner@example.org", role: "partner", partnerId } });
    await appDb.db().adminUser.create({ data: { email: "gone@example.org", role: "partner", partnerId, disabledAt: new Date() } });
    expect(await signIn.requestSignInLink("partner@example.org")).toBe("sent");
    expect(await signIn.requestSignInLink("gone@example.org")).toBe("not-an-admin");
    expect(await appDb.db().outboxMessage.count({ where: { toAddress: "gone@example.org" } })).toBe(0);
  });

  it("answers the form at once for any address: the lookup, the token and the mail come after the answer", async () => {
    // The action calls queueSignInLink(): it must return before touching the database, for an
    // owner exactly as for a stranger (timing, issue 9 finding 3; bench/admin-sign-in.mjs measures it).
    // Synchronous: nothing is awaited on the request path, whoever asks.
    expect(signIn.queueSignInLink(OWNER)).toBeUndefined();
    expect(signIn.queueSignInLink("stranger@example.org")).toBeUndefined();
    await signIn.signInLinksHandled();
    expect((await appDb.db().outboxMessage.findMany()).map((m) => m.toAddress)).toEqual([OWNER]);
    expect(await appDb.db().adminLoginToken.count()).toBe(1);
  });

  it("stops mailing one address after the hourly cap", async () => {
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await signIn.requestSignInLink(OWNER));
    expect(outcomes).toEqual(["sent", "sent", "sent", "mail-capped", "mail-capped"]);
    expect(await appDb.db().outboxMessage.count()).toBe(3);
  });

  it("refuses a malformed address", () => {
    expect(signIn.signInEmailSchema.safeParse("not an email").success).toBe(false);
    expect(signIn.signInEmailSchema.safeParse("").success).toBe(false);
  });
});

describe("using a sign-in link", () => {
  it("opens a session for the owner, creating the owner's admin row and an audit row", async () => {
    const session = await signedInToken(OWNER);
    const actor = await store.adminForSessionToken(session);
    expect(actor).toMatchObject({ type: "admin", email: OWNER, role: "owner", partnerId: null, partnerSlug: null });
    const user = await appDb.db().adminUser.findUniqueOrThrow({ where: { email: OWNER } });
    expect(user.role).toBe("owner");
    expect(user.lastLoginAt).not.toBeNull();
    const audit = await appDb.db().auditLog.findMany({ where: { action: "admin.sign-in" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "admin", actorId: user.id, targetId: user.id });
    // The session token is stored only as its hash.
    expect(JSON.stringify(await database.rows('SELECT * FROM "AdminSession"'))).not.toContain(session);
  });

  it("works only once", async () => {
    await signIn.requestSignInLink(OWNER);
    const token = await linkSentTo(OWNER);
    expect((await signIn.consumeSignInLink(token)).status).toBe("signed-in");
    expect(await signIn.consumeSignInLink(token)).toEqual({ status: "invalid" });
    expect(await appDb.db().adminSession.count()).toBe(1);
  });

  it("opens one session when the same link is used twice at once", async () => {
    await signIn.requestSignInLink(OWNER);
    const token = await linkSentTo(OWNER);
    const results = await Promise.all([signIn.consumeSignInLink(token), signIn.consumeSignInLink(token)]);
    expect(results.map((r) => r.status).sort()).toEqual(["invalid", "signed-in"]);
    expect(await appDb.db().adminSession.count()).toBe(1);
  });

  it("refuses an expired link, an unknown link and a malformed one", async () => {
    const then = new Date("2026-05-01T10:00:00Z");
    await signIn.requestSignInLink(OWNER, then);
    const token = await linkSentTo(OWNER);
    expect(await signIn.consumeSignInLink(token, new Date("2026-05-01T10:15:01Z"))).toEqual({ status: "invalid" });
    expect(await signIn.consumeSignInLink(tokens.generateToken())).toEqual({ status: "invalid" });
    expect(await signIn.consumeSignInLink("abc")).toEqual({ status: "invalid" });
    expect(await appDb.db().adminSession.count()).toBe(0);
  });

  it("refuses the link of a partner admin disabled after it was sent", async () => {
    const user = await appDb.db().adminUser.create({ data: { email: "partner@example.org", role: "partner", partnerId } });
    await signIn.requestSignInLink("partner@example.org");
    const token = await linkSentTo("partner@example.org");
    await appDb.db().adminUser.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await signIn.consumeSignInLink(token)).toEqual({ status: "invalid" });
  });

  it("signs a partner admin in bound to their partner", async () => {
    const partner = await appDb.db().partner.findUniqueOrThrow({ where: { id: partnerId } });
    await appDb.db().adminUser.create({ data: { email: "partner@example.org", role: "partner", partnerId } });
    const actor = await store.adminForSessionToken(await signedInToken("partner@example.org"));
    expect(actor).toMatchObject({ role: "partner", partnerId, partnerSlug: partner.slug, email: "partner@example.org" });
  });
});

describe("sessions", () => {
  it("end at sign-out", async () => {
    const session = await signedInToken(OWNER);
    await store.deleteAdminSession(session);
    expect(await store.adminForSessionToken(session)).toBeNull();
    expect(await appDb.db().adminSession.count()).toBe(0);
  });

  it("end after 12 hours without use and slide while used", async () => {
    const start = new Date("2026-05-01T08:00:00Z");
    const session = await signedInToken(OWNER, start);
    expect(await store.adminForSessionToken(session, new Date("2026-05-01T19:00:00Z"))).not.toBeNull();
    // Used at 19:00, so it now lasts until 07:00 the next day.
    expect(await store.adminForSessionToken(session, new Date("2026-05-02T06:59:00Z"))).not.toBeNull();
    expect(await store.adminForSessionToken(session, new Date("2026-05-02T19:00:01Z"))).toBeNull();
  });

  it("end after 7 days even when used all along", async () => {
    const start = new Date("2026-05-01T08:00:00Z");
    const session = await signedInToken(OWNER, start);
    for (let hour = 10; hour < 7 * 24; hour += 10) {
      expect(await store.adminForSessionToken(session, new Date(start.getTime() + hour * 3600_000))).not.toBeNull();
    }
    expect(await store.adminForSessionToken(session, new Date(start.getTime() + 7 * 24 * 3600_000 + 60_000))).toBeNull();
  });

  it("end when the admin is disabled", async () => {
    await appDb.db().adminUser.create({ data: { email: "partner@example.org", role: "partner", partnerId } });
    const session = await signedInToken("partner@example.org");
    await appDb.db().adminUser.update({ where: { email: "partner@example.org" }, data: { disabledAt: new Date() } });
    expect(await store.adminForSessionToken(session)).toBeNull();
  });

  it("do not make an owner of an address no longer in ADMIN_EMAILS", async () => {
    // An owner row left from earlier, whose address the operator has since removed.
    const user = await appDb.db().adminUser.create({ data: { email: "former@example.org", role: "owner" } });
    const session = await appDb.db().$transaction((tx) => store.createAdminSession(tx, user.id));
    expect(await store.adminForSessionToken(session)).toBeNull();
    expect(await signIn.requestSignInLink("former@example.org")).toBe("not-an-admin");
  });

  it("ignore unknown and malformed tokens", async () => {
    expect(await store.adminForSessionToken(undefined)).toBeNull();
    expect(await store.adminForSessionToken("x")).toBeNull();
    expect(await store.adminForSessionToken(tokens.generateToken())).toBeNull();
  });
});
