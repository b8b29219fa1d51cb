import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDialect, type TestDatabase } from "@/tests/unit/support/database";

// Rate limits as several app processes meet them: on PostgreSQL every limiter instance (one per
// process) counts in the same "RateLimit" table, so a client cannot get more by spreading its
// requests; on SQLite one process serves the file and counts in memory. Either way no address is
// ever stored: keys are HMACs with the day's secret.

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let rateLimit: typeof import("@/lib/security/rate-limit");

beforeAll(async () => {
  database = await createTestDatabase("rate_limits");
  process.env.DATABASE_URL = database.url;
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  rateLimit = await import("@/lib/security/rate-limit");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

describe.runIf(testDialect() === "postgres")("on PostgreSQL, two limiter instances (two app processes)", () => {
  it("share one count per client", async () => {
    const first = rateLimit.clientLimiter("shared-test", 3, 60);
    const second = rateLimit.clientLimiter("shared-test", 3, 60);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await first("203.0.113.7"), await second("203.0.113.7"));
    expect(answers).toEqual([true, true, true, false, false, false]);
    expect(await second("198.51.100.20")).toBe(true);
  });

  it("store keyed hashes, never the address, under a secret shared by every process", async () => {
    await rateLimit.clientLimiter("stored-test", 5, 60)("203.0.113.50");
    const keys = await database.rows<{ key: string }>(`SELECT key FROM "RateLimit"`);
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      expect(key).not.toContain("203.0.113");
      expect(key).not.toContain("198.51.100");
    }
    expect(keys.map((k) => k.key)).toContain(`stored-test:${await rateLimit.hashedClientKey("203.0.113.50")}`);
    const secrets = await database.rows(`SELECT day FROM "RateLimitKey"`);
    expect(secrets).toHaveLength(1);
  });

  it("forget secrets older than a day, after which old keys cannot be traced", async () => {
    const today = new Date();
    const inTwoDays = new Date(today.getTime() + 2 * 24 * 60 * 60 * 1000);
    expect(await rateLimit.forgetOldRateLimitKeys(today)).toBe(0);
    expect(await rateLimit.forgetOldRateLimitKeys(inTwoDays)).toBe(1);
    expect(await database.rows(`SELECT day FROM "RateLimitKey"`)).toHaveLength(0);
  });
});

describe("a client's key", () => {
  it("is a keyed hash of its address that changes with the day", async () => {
    const today = await rateLimit.hashedClientKey("203.0.113.7", new Date("2026-12-01T10:00:00Z"));
    expect(today).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await rateLimit.hashedClientKey("203.0.113.7", new Date("2026-12-01T23:00:00Z"))).toBe(today);
    expect(await rateLimit.hashedClientKey("203.0.113.8", new Date("2026-12-01T10:00:00Z"))).not.toBe(today);
    expect(await rateLimit.hashedClientKey("203.0.113.7", new Date("2026-12-02T10:00:00Z"))).not.toBe(today);
  });
});
