import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";

// GET /api/health as a load balancer or an uptime monitor sees it: the route handler itself,
// against a real SQLite file that is then damaged.

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let route: typeof import("@/app/api/health/route");

beforeAll(async () => {
  database = await createTestDatabase("health");
  Object.assign(process.env, { DATABASE_URL: database.url, OUTBOX_DISPATCHER: "off" });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  route = await import("@/app/api/health/route");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

describe("GET /api/health", () => {
  it("answers 200 with the database and mail backlog when the database answers, never cached", async () => {
    const response = await route.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true, database: "ok", mail: { pending: 0, failed: 0 } });
  });

  it("answers 503 when the database cannot be read", async () => {
    await appDb.disconnectDb();
    if (database.dialect === "sqlite") {
      fs.writeFileSync(database.file, "this is not a SQLite database, it was overwritten".repeat(100));
      for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${database.file}${suffix}`, { force: true });
    } else {
      await database.remove(); // the database is dropped under the app
    }
    const response = await route.GET();
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: false, database: "error" });
  });
});
