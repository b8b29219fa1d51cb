import { randomBytes } from "node:crypto";
import type pg from "pg";
import { execute, query } from "@/lib/db/postgres/pool";

// The day's secret for rate-limit keys, shared by every process through the database: the first
// process to need it that day inserts a random one, everyone reads the same row.

export async function daySecret(pool: pg.Pool, day: string): Promise<string> {
  await execute(pool, `INSERT INTO "RateLimitKey" (day, secret) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`, [day, randomBytes(32).toString("base64url")]);
  const [row] = await query<{ secret: string }>(pool, `SELECT secret FROM "RateLimitKey" WHERE day = $1`, [day]);
  return row.secret;
}

/** Deletes the secrets of days before `day` (ISO dates compare as text). */
export function deleteSecretsBefore(pool: pg.Pool, day: string): Promise<number> {
  return execute(pool, `DELETE FROM "RateLimitKey" WHERE day < $1`, [day]);
}
