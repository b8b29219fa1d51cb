import "server-only";

import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { databaseProvider, env, sqliteFilePath, type DatabaseProvider } from "@/lib/env";
import { closeBulkReader } from "@/lib/db/sqlite/bulk-reader";
import { closeGroupCommit } from "@/lib/db/sqlite/group-commit";
import { serialized } from "@/lib/db/sqlite/serialized";

// The storage boundary's entry: DATABASE_URL picks the provider. `file:` gives SQLite (Prisma's
// better-sqlite3 adapter behind the process-wide serialiser, plus the group-commit connection of
// the signing path); `postgres://` or `postgresql://` gives PostgreSQL (Prisma's pg adapter over
// one pg.Pool, shared with the boundary's own SQL). Both clients are generated from the same
// models (prisma/schema.prisma, prisma/postgres/schema.prisma), so their model APIs are the same;
// the PostgreSQL one is typed as the SQLite one. Features never see SQL text or a driver handle:
// what needs raw SQL lives in lib/db/<dialect>/. docs/decisions/044-storage-boundary.md
//
// Cached on globalThis so that dev-mode reloads and the several module graphs Next.js builds
// (server components, route handlers, instrumentation) share one client.

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";

type Globals = { __campaignDb?: PrismaClient; __pgPool?: pg.Pool; __changeListener?: { close(): Promise<void> } };
const globals = globalThis as unknown as Globals;

export function dialect(): DatabaseProvider {
  return databaseProvider(env().DATABASE_URL);
}

/** The PostgreSQL pool (only under lib/db/). */
export function pgPool(): pg.Pool {
  if (!globals.__pgPool) {
    const pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A connection dropped while idle (a server restart, a failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on("error", (error) => console.error(`[db] idle connection lost: ${error.message}`));
    globals.__pgPool = pool;
  }
  return globals.__pgPool;
}

function createClient(): PrismaClient {
  if (dialect() === "postgres") {
    return new PgPrismaClient({ adapter: new PrismaPg(pgPool()) }) as unknown as PrismaClient;
  }
  const file = sqliteFilePath(env().DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: serialized(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })) });
}

export function db(): PrismaClient {
  globals.__campaignDb ??= createClient();
  return globals.__campaignDb;
}

/** Answers whether the database takes queries (the health check). */
export async function ping(): Promise<void> {
  if (dialect() === "postgres") await pgPool().query("SELECT 1");
  else await db().$queryRawUnsafe("SELECT 1");
}

/** What a database needs once, after its migrations (npm start runs it before serving). */
export async function prepareDatabase(): Promise<void> {
  // WAL lets readers carry on while a signature is written; it is a property of the file.
  if (dialect() === "sqlite") await db().$queryRawUnsafe("PRAGMA journal_mode = WAL");
}

/** Closes the connections (scripts and tests; the server keeps them for its lifetime). */
export async function disconnectDb(): Promise<void> {
  closeGroupCommit();
  closeBulkReader();
  // the LISTEN connection of lib/db/changes.ts, if this process opened one
  const listener = globals.__changeListener;
  globals.__changeListener = undefined;
  await listener?.close();
  await globals.__campaignDb?.$disconnect();
  globals.__campaignDb = undefined;
  const pool = globals.__pgPool;
  globals.__pgPool = undefined;
  await pool?.end().catch(() => undefined);
}
