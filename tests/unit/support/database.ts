import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

// A real database for a test file, with the schema created by the app's own migrations: a SQLite
// file in a temporary folder, or, when the runner's PostgreSQL pass set TEST_POSTGRES_URL (a
// throwaway server started by scripts/test.mjs), a fresh database on that server.

const ROOT = path.resolve(__dirname, "../../..");

export type Dialect = "sqlite" | "postgres";

export type TestDatabase = {
  dialect: Dialect;
  /** the DATABASE_URL to give the app */
  url: string;
  /** the SQLite file (SQLite only) */
  file: string;
  /**
   * Reads or writes the database directly, bypassing the app's Prisma client: what an operator
   * would see. Write SQL both databases take: quoted identifiers ("Signature", "fullName") and
   * `?` placeholders.
   */
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** Applies the migrations left out by `until` (a migration test's "deploy"). */
  migrate(): Promise<void>;
  remove(): Promise<void>;
};

/** `until`: apply only the migrations whose folder name sorts before it (a database as it was). */
export type TestDatabaseOptions = { until?: string };

export function testDialect(): Dialect {
  return process.env.TEST_POSTGRES_URL ? "postgres" : "sqlite";
}

/**
 * A migration as Prisma's driver adapters run it: split on every ";" (even one in a comment or a
 * string), one statement at a time. A migration that only works as a whole script fails here as
 * it would in `npm start`.
 */
export function migrationStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function migrationFiles(dir: string, from?: string, until?: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .filter((m) => (!from || m >= from) && (!until || m < until))
    .map((m) => path.join(dir, m, "migration.sql"))
    .filter((f) => fs.existsSync(f));
}

/** `?` placeholders to PostgreSQL's $1, $2… (outside quoted text). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === "?" ? `$${++n}` : m));
}

export async function createTestDatabase(name: string, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { until } = options;
  const server = process.env.TEST_POSTGRES_URL;
  if (server) {
    const database = `${name.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const pgMigrations = path.join(ROOT, "prisma", "postgres", "migrations");
    for (const file of migrationFiles(pgMigrations, undefined, until)) for (const statement of migrationStatements(fs.readFileSync(file, "utf8"))) await client.query(statement);
    let removed = false;
    return {
      dialect: "postgres",
      url: url.toString(),
      file: "",
      async rows<T>(sql: string, ...args: unknown[]) {
        return (await client.query(numbered(sql), args)).rows as T[];
      },
      async migrate() {
        if (!until) return;
        for (const file of migrationFiles(pgMigrations, until)) for (const statement of migrationStatements(fs.readFileSync(file, "utf8"))) await client.query(statement);
      },
      async remove() {
        if (removed) return;
        removed = true;
        await client.end();
        const admin = new pg.Client({ connectionString: server });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const file = path.join(dir, `${name}.db`);
  const sqlite = new Database(file);
  const sqliteMigrations = path.join(ROOT, "prisma", "migrations");
  try {
    for (const migration of migrationFiles(sqliteMigrations, undefined, until)) for (const statement of migrationStatements(fs.readFileSync(migration, "utf8"))) sqlite.exec(statement);
  } finally {
    sqlite.close();
  }
  return {
    dialect: "sqlite",
    url: `file:${file}`,
    file,
    async rows<T>(sql: string, ...args: unknown[]) {
      const db = new Database(file, { timeout: 10_000 });
      try {
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...args) : (statement.run(...args), [])) as T[];
      } finally {
        db.close();
      }
    },
    async migrate() {
      if (!until) return;
      const db = new Database(file, { timeout: 10_000 });
      try {
        for (const migration of migrationFiles(sqliteMigrations, until)) for (const statement of migrationStatements(fs.readFileSync(migration, "utf8"))) db.exec(statement);
      } finally {
        db.close();
      }
    },
    async remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads the SQLite file directly (tests of the SQLite-only machinery). */
export function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}
