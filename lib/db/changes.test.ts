import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialect, type TestDatabase } from "@/tests/unit/support/database";

// The after-commit step: what a committed transaction changed reaches this process's subscribers
// at once, and, on PostgreSQL, other processes' (here: notifications made on another connection).

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let changes: typeof import("@/lib/db/changes");
let message: typeof import("@/lib/outbox/message");
let count: typeof import("@/lib/signatures/count");
const heard: import("@/lib/db/changes").Change[][] = [];

beforeAll(async () => {
  database = await createTestDatabase("changes");
  Object.assign(process.env, { DATABASE_URL: database.url, OUTBOX_DISPATCHER: "off" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  changes = await import("@/lib/db/changes");
  message = await import("@/lib/outbox/message");
  count = await import("@/lib/signatures/count");
  changes.onCommitted("test", (c) => heard.push([...c]));
  changes.listenForChanges();
  await changes.listeningForChanges();
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("after a transaction that queued a message commits", () => {
  it("subscribers here hear of it once the commit is done, and not for a rolled-back one", async () => {
    heard.length = 0;
    await expect(
      changes.transact(async (tx) => {
        await message.enqueue(tx, { channel: "email", kind: "admin.sign-in", to: "a@example.org", subject: "s", text: "t", html: "h" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual([]);

    await changes.transact((tx) => message.enqueue(tx, { channel: "email", kind: "admin.sign-in", to: "a@example.org", subject: "s", text: "t", html: "h" }));
    expect(heard[0]).toEqual([{ kind: "outbox" }]);
  });
});

describe.runIf(testDialect() === "postgres")("a change committed by another process", () => {
  it("wakes this process through NOTIFY 'outbox' at its commit", async () => {
    await new Promise((resolve) => setTimeout(resolve, 300)); // this process's own earlier notifications
    heard.length = 0;
    await database.rows(`SELECT pg_notify('outbox', '')`);
    await until(() => heard.length > 0);
    expect(heard).toContainEqual([{ kind: "outbox" }]);
  });

  it("makes this process forget its cached count through NOTIFY 'cache'", async () => {
    const campaign = await appDb.db().campaign.create({
      data: { slug: "notify-test", isDefault: false, goal: 1000, title: "t", summary: "s", target: "t", callToAction: "c", demandsIntro: "d", demands: "[]", context: "[]", letterBody: "l" },
    });
    expect(await count.confirmedCount(campaign.id)).toBe(0);
    await appDb.db().signature.create({
      data: { campaignId: campaign.id, fullName: "A", email: "a@example.org", emailNormalized: "a@example.org", country: "FR", locale: "en", status: "confirmed", confirmedAt: new Date() },
    });
    expect(await count.confirmedCount(campaign.id)).toBe(0); // cached for a few seconds
    heard.length = 0;
    await database.rows(`SELECT pg_notify('cache', ?)`, JSON.stringify([{ kind: "signatures", campaignId: campaign.id }]));
    await until(() => heard.length > 0);
    expect(await count.confirmedCount(campaign.id)).toBe(1);
  });
});
