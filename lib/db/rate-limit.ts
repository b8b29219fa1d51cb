import { randomBytes } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { dialect, pgPool } from "@/lib/db";
import { daySecret, deleteSecretsBefore } from "@/lib/db/postgres/rate-limit";

// Where rate limits keep their counts. PostgreSQL: rate-limiter-flexible's RateLimiterPostgres in
// the "RateLimit" table (created by a migration, hence tableCreated), shared by every app process,
// with an in-memory limiter as insurance while the database does not answer. SQLite: one process
// serves the file, so memory is shared state enough. docs/decisions/045-outbox-and-workers.md

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

export function createRateLimiter(options: LimiterOptions): RateLimiterAbstract {
  if (dialect() !== "postgres") return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pgPool(),
    tableName: "RateLimit",
    tableCreated: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

const localSecrets = new Map<string, string>();

/**
 * The secret that keys are hashed with on `day` (YYYY-MM-DD, UTC). PostgreSQL: one per day in
 * "RateLimitKey", shared by every process and deleted after two days. SQLite: one per process and
 * day, in memory only.
 */
export async function rateLimitSecret(day: string): Promise<string> {
  const known = localSecrets.get(day);
  if (known) return known;
  const secret = dialect() === "postgres" ? await daySecret(pgPool(), day) : randomBytes(32).toString("base64url");
  localSecrets.clear(); // yesterday's is no longer needed here
  localSecrets.set(day, secret);
  return secret;
}

/** Forgets the secrets of days before `day`; returns how many stored ones were deleted. */
export async function forgetRateLimitSecretsBefore(day: string): Promise<number> {
  for (const known of localSecrets.keys()) if (known < day) localSecrets.delete(known);
  return dialect() === "postgres" ? deleteSecretsBefore(pgPool(), day) : 0;
}
