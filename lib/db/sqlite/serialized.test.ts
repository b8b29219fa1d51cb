import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, inspect, type TestDatabase } from "@/tests/unit/support/database";

// Two requests in one server process share the one SQLite connection. A request's write must
// stand on its own, whatever another request's transaction does meanwhile.

let database: TestDatabase;
let appDb: typeof import("@/lib/db");

beforeAll(async () => {
  database = await createTestDatabase("serialized");
  process.env.DATABASE_URL = database.url;
  appDb = await import("@/lib/db");
});

afterAll(async () => {
  await appDb.disconnectDb();
  await database.remove();
});

const partner = (slug: string) => ({ slug, name: slug, shortName: slug, url: "https://example.org" });

describe("a write made while another request's transaction is open", () => {
  it("is kept when that transaction rolls back", async () => {
    let letOtherWrite!: () => void;
    const otherMayWrite = new Promise<void>((resolve) => (letOtherWrite = resolve));
    const failing = appDb
      .db()
      .$transaction(async (tx) => {
        await tx.partner.create({ data: partner("rolled-back") });
        letOtherWrite();
        // The transaction is still open while the other request writes.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("the signing request failed");
      })
      .catch((error: Error) => error.message);

    await otherMayWrite;
    await appDb.db().partner.create({ data: partner("independent") });

    expect(await failing).toBe("the signing request failed");
    const slugs = inspect(database.file, (db) => db.prepare("SELECT slug FROM Partner ORDER BY slug").all());
    expect(slugs).toEqual([{ slug: "independent" }]);
  });

  it("never sees another transaction's uncommitted rows", async () => {
    let readNow!: () => void;
    const mayRead = new Promise<void>((resolve) => (readNow = resolve));
    const failing = appDb
      .db()
      .$transaction(async (tx) => {
        await tx.partner.create({ data: partner("never-committed") });
        readNow();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("the confirming request failed");
      })
      .catch((error: Error) => error.message);
    await mayRead;
    const seen = await appDb.db().partner.findUnique({ where: { slug: "never-committed" } });
    // The transaction failed for the reason thrown (not a timeout), and its row never existed for others.
    expect(await failing).toBe("the confirming request failed");
    expect(seen).toBeNull();
    expect(inspect(database.file, (db) => db.prepare("SELECT slug FROM Partner WHERE slug = 'never-committed'").all())).toEqual([]);
  });
});
