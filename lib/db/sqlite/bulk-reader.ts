import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env, sqliteFilePath } from "@/lib/env";

const globals = globalThis as unknown as { __bulkReader?: Database.Database };

/**
 * A read-only connection to the same SQLite file for bulk reads (exports, the integration API's
 * pages), where Prisma's per-row result mapping costs several times the query itself (see
 * docs/decisions/031-export-path.md). Reads only; every write goes through db().
 */
export function bulkReader(): Database.Database {
  if (!globals.__bulkReader) {
    const file = sqliteFilePath(env().DATABASE_URL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Created through the Prisma client first if missing: a read-only open needs the file.
    if (!fs.existsSync(file)) new Database(file).close();
    globals.__bulkReader = new Database(file, { readonly: true, timeout: 10_000 });
  }
  return globals.__bulkReader;
}

export function closeBulkReader(): void {
  globals.__bulkReader?.close();
  globals.__bulkReader = undefined;
}
