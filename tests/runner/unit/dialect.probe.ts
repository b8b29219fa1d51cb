import pg from "pg";
import { expect, it } from "vitest";

// Which database pass this is, as the unit tests see it (tests/unit/support/database.ts).
it("runs against the database of its pass", async () => {
  const url = process.env.TEST_POSTGRES_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT 40 + 2 AS answer");
    await client.end();
    expect(rows).toEqual([{ answer: 42 }]);
  }
  console.log(`unit probe on ${url ? "postgres" : "sqlite"}`);
});
