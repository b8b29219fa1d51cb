import { expect, test } from "@playwright/test";
import pg from "pg";

// Which database pass this is, as playwright.config.ts sees it (E2E_DATABASE, E2E_POSTGRES_URL).
test("runs against the database of its pass", async () => {
  const database = process.env.E2E_DATABASE;
  expect(["sqlite", "postgres"]).toContain(database);
  if (database === "postgres") {
    const client = new pg.Client({ connectionString: process.env.E2E_POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query("SELECT 40 + 2 AS answer");
    await client.end();
    expect(rows).toEqual([{ answer: 42 }]);
  } else {
    expect(process.env.E2E_POSTGRES_URL).toBeUndefined();
  }
  console.log(`e2e probe on ${database}`);
});
