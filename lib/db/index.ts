import "server-only";

import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env, sqliteFilePath } from "@/lib/env";
import { closeGroupCommit } from "@/lib/db/sqlite/group-commit";
import { serialized } from "@/lib/db/sqlite/serialized";

// The one Prisma client. Cached on globalThis so that dev-mode reloads and the several module
// graphs Next.js builds (server components, route handlers, instrumentation) share one connection.

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";

function createClient(): PrismaClient {
  const file = sqliteFilePath(env().DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: serialized(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })) });
}

const globalForDb = globalThis as unknown as { __campaignDb?: PrismaClient; __bulkReader?: Database.Database };

export function db(): PrismaClient {
  globalForDb.__campaignDb ??= createClient();
  return globalForDb.__campaignDb;
}

/**
 * A read-only connection to the same SQLite file for bulk reads (exports, the integration API's
 * pages), where Prisma's per-row result mapping costs several times the query itself (see
 * docs/decisions/031-export-path.md). Reads only; every write goes through db().
 */
export function bulkReader(): Database.Database {
  if (!globalForDb.__bulkReader) {
    const file = sqliteFilePath(env().DATABASE_URL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Created through the Prisma client first if missing: a read-only open needs the file.
    if (!fs.existsSync(file)) new Database(file).close();
    const reader = new Database(file, { readonly: true, timeout: 10_000 });
    globalForDb.__bulkReader = reader;
  }
  return globalForDb.__bulkReader;
}

/** Closes the connections (scripts and tests; the server keeps them for its lifetime). */
export async function disconnectDb(): Promise<void> {
  closeGroupCommit();
  await globalForDb.__campaignDb?.$disconnect();
  globalForDb.__campaignDb = undefined;
  globalForDb.__bulkReader?.close();
  globalForDb.__bulkReader = undefined;
}
