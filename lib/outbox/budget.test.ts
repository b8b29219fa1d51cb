import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";
import { freePort, TestMailServer } from "@/tests/unit/support/smtp";

// The global mail budget (MAIL_BUDGET_PER_HOUR, ADR 052) against a real database and a real SMTP
// server on loopback: mail past the budget stays queued, never dropped, and goes out once the
// hour's mail has aged out of the budget; admins' sign-in links are not held back; dispatchers
// running at once (separate connections, as separate processes would be) share one budget.

const APP_URL = "https://sign.example.org";
const BUDGET = 5;

let database: TestDatabase;
let mailServer: TestMailServer;
let dispatch: typeof import("@/lib/outbox/dispatch");
let message: typeof import("@/lib/outbox/message");
let templates: typeof import("@/lib/mail/templates");
let appDb: typeof import("@/lib/db");

beforeAll(async () => {
  database = await createTestDatabase("mail-budget");
  mailServer = new TestMailServer(await freePort());
  await mailServer.start();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${mailServer.port}`,
    APP_URL,
    MAIL_FROM: '"Speak Out" <campaign@example.org>',
    OUTBOX_DISPATCHER: "off",
    MAIL_BUDGET_PER_HOUR: String(BUDGET),
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  dispatch = await import("@/lib/outbox/dispatch");
  message = await import("@/lib/outbox/message");
  templates = await import("@/lib/mail/templates");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await mailServer?.stop();
  await database?.remove();
});

beforeEach(async () => {
  mailServer.received.length = 0;
  await appDb.db().outboxMessage.deleteMany();
});

async function queueConfirmations(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const mail = templates.confirmationEmail({
      locale: "en",
      name: "Aylin Kadir",
      campaignTitle: "Secretary-General, speak out on Xinjiang",
      confirmUrl: `${APP_URL}/confirm/${"T".repeat(40)}${i}`,
      validDays: 30,
      sender: { name: "The Xinjiang letter coalition", privacyUrl: `${APP_URL}/privacy` },
    });
    await appDb.db().$transaction((tx) => message.enqueue(tx, { channel: "email", kind: "signature.confirm", to: `supporter${i}@example.org`, ...mail }));
  }
}

async function queueAdminSignIn(to: string): Promise<void> {
  const mail = templates.adminSignInEmail({ locale: "en", signInUrl: `${APP_URL}/admin/sign-in/${"A".repeat(43)}`, validMinutes: 15, privacyUrl: `${APP_URL}/privacy` });
  await appDb.db().$transaction((tx) => message.enqueue(tx, { channel: "email", kind: "admin.sign-in", to, ...mail }));
}

const statusCounts = async () => {
  const rows = await appDb.db().outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
};

describe("the global mail budget", () => {
  it(`sends ${BUDGET} emails in an hour and keeps the rest queued, without an error, until the hour has passed`, async () => {
    await queueConfirmations(BUDGET + 3);

    const first = await dispatch.dispatchDue();
    expect(first.sent).toBe(BUDGET);
    expect(mailServer.received).toHaveLength(BUDGET);
    // Another round in the same hour sends nothing more, and gives nothing up.
    expect(await dispatch.dispatchDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await statusCounts()).toEqual({ sent: BUDGET, pending: 3 });
    const held = await appDb.db().outboxMessage.findMany({ where: { status: "pending" } });
    expect(held.every((m) => m.attempts === 0 && m.lastError === null)).toBe(true);

    // An hour later the budget allows them: the held mail goes out, each exactly once.
    await appDb.db().outboxMessage.updateMany({ where: { status: "sent" }, data: { sentAt: new Date(Date.now() - 61 * 60 * 1000) } });
    expect((await dispatch.dispatchDue()).sent).toBe(3);
    expect(mailServer.received).toHaveLength(BUDGET + 3);
    expect(new Set(mailServer.received.map((m) => m.to[0])).size).toBe(BUDGET + 3);
    expect(await statusCounts()).toEqual({ sent: BUDGET + 3 });
  });

  it("still sends an admin's sign-in link when the budget is used up, though more held mail is due before it than a round takes", async () => {
    await queueConfirmations(BUDGET + 60);
    await dispatch.dispatchDue();
    expect(mailServer.received).toHaveLength(BUDGET);

    await queueAdminSignIn("owner@example.org");
    expect((await dispatch.dispatchDue()).sent).toBe(1);
    expect(mailServer.to("owner@example.org")).toHaveLength(1);
    expect(await appDb.db().outboxMessage.count({ where: { status: "pending" } })).toBe(60);
    // The held mail was given back as it was: no attempt counted, no lease left.
    expect(await appDb.db().outboxMessage.count({ where: { status: "pending", OR: [{ attempts: { gt: 0 } }, { lockedUntil: { not: null } }] } })).toBe(0);
  });

  it("is shared by dispatchers running at the same time: together they send no more than the budget", async () => {
    // Rounds over an empty outbox first open the connections, so that the rounds below really overlap.
    await Promise.all(Array.from({ length: 8 }, () => dispatch.dispatchDue(new Date(), 10)));
    await queueConfirmations(BUDGET * 4);

    const reports = await Promise.all(Array.from({ length: 8 }, () => dispatch.dispatchDue(new Date(), 10)));

    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(BUDGET);
    expect(mailServer.received).toHaveLength(BUDGET);
    expect(await appDb.db().outboxMessage.count({ where: { status: "pending" } })).toBe(BUDGET * 3);
  });
});
