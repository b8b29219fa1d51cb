import "server-only";

import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env, sqliteFilePath } from "@/lib/env";
import { serialized } from "@/lib/sqlite-serialized";

// The one Prisma client. Cached on globalThis so that dev-mode reloads and the several module
// graphs Next.js builds (server components, route handlers, instrumentation) share one connection.

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";

function createClient(): PrismaClient {
  const file = sqliteFilePath(env().DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: serialized(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })) });
}

const globalForDb = globalThis as unknown as { __campaignDb?: PrismaClient };

export function db(): PrismaClient {
  globalForDb.__campaignDb ??= createClient();
  return globalForDb.__campaignDb;
}

/** Closes the connection (scripts and tests; the server keeps it for its lifetime). */
export async function disconnectDb(): Promise<void> {
  await globalForDb.__campaignDb?.$disconnect();
  globalForDb.__campaignDb = undefined;
}
