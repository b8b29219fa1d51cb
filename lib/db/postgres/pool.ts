import pg from "pg";

// The PostgreSQL connection pool, shared by Prisma's adapter and the storage boundary's own SQL
// (the signing path, the outbox, the read models). Raw queries parse values as the app wants
// them: timestamps (Prisma's `timestamp(3)`, written in UTC) as Date, counts (bigint) as number.
// Every query here is parameterised ($1, $2…); no value is ever spliced into SQL text.

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const INT8 = 20;
const NUMERIC = 1700;

/** Type parsers for this app's raw queries (Prisma's adapter passes its own with each query). */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
void TIMESTAMPTZ;

/** A Date as PostgreSQL `timestamp` text in UTC (a Date param would be sent in local time). */
export function toPgTime(date: Date): string {
  return date.toISOString();
}

export type Queryable = pg.Pool | pg.PoolClient;

export async function query<T>(on: Queryable, text: string, values: readonly unknown[] = []): Promise<T[]> {
  const result = await on.query({ text, values: values as unknown[], types: pgTypes });
  return result.rows as T[];
}

export async function execute(on: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  const result = await on.query({ text, values: values as unknown[], types: pgTypes });
  return result.rowCount ?? 0;
}

/** Errors worth one more try of the whole transaction: serialisation failures, deadlocks, and a
 * unique key taken by a concurrent transaction (the retry then sees the other's row). */
const RETRYABLE = new Set(["40001", "40P01", "23505"]);

/**
 * Runs `work` in a transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when
 * it throws. A conflict with a concurrent transaction is retried (up to 3 tries in all); with
 * synchronous_commit on (the default), a resolved promise means the commit is on disk.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        broken = true; // the connection is gone: do not give it back to the pool
      }
      const code = (error as { code?: string }).code;
      if (attempt < 3 && code && RETRYABLE.has(code)) continue;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
