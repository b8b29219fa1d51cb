import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

// A real SQLite file in a temporary folder, with the schema created by the app's own migrations.

const MIGRATIONS = path.resolve(__dirname, "../../../prisma/migrations");

export type TestDatabase = { dir: string; file: string; url: string; remove: () => void };

export function createTestDatabase(name: string): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const file = path.join(dir, `${name}.db`);
  const sqlite = new Database(file);
  try {
    for (const migration of fs.readdirSync(MIGRATIONS).sort()) {
      const sql = path.join(MIGRATIONS, migration, "migration.sql");
      if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
    }
  } finally {
    sqlite.close();
  }
  return { dir, file, url: `file:${file}`, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Reads the file directly, bypassing the app's Prisma client: what an operator would see. */
export function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}
