import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

// Direct access to the run's database (E2E_DATABASE_URL, made by playwright.config.ts), beside the
// app, to check what it stored: a SQLite file or a PostgreSQL database.
//
// Write SQL both databases take: quoted identifiers ("Signature", s."fullName"), `?` placeholders
// (numbered $1, $2… for PostgreSQL), text compared with lower() where case must not matter
// (PostgreSQL's LIKE and = are case-sensitive), boolean parameters as true/false. Rows come back
// alike from both: counts as numbers and timestamps as ISO 8601 strings
// ("2026-11-30T14:05:00.000Z"); only boolean columns differ (SQLite: 0/1), wrap them in Boolean().

export type Dialect = "sqlite" | "postgres";

export function databaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (see playwright.config.ts)");
  return url;
}

export function dialect(url = databaseUrl()): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** `?` placeholders to PostgreSQL's $1, $2… (outside quoted text). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === "?" ? `$${++n}` : m));
}

// PostgreSQL's count(*) is a bigint (a string in pg) and its timestamps have no zone: the app
// stores UTC.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    if (oid === pg.types.builtins.TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`).toISOString();
    if (oid === pg.types.builtins.TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const pools = new Map<string, pg.Pool>();

function pool(url: string): pg.Pool {
  let p = pools.get(url);
  if (!p) {
    p = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1_000, allowExitOnIdle: true, types });
    pools.set(url, p);
  }
  return p;
}

// The SQLite adapter stores timestamps as "2026-11-30T14:05:00.000+00:00".
const SQLITE_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function sqliteRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === "string" && SQLITE_TIMESTAMP.test(value)) out[key] = new Date(value).toISOString();
    else out[key] = value;
  }
  return out;
}

/** Runs one statement on the run's database (or another, by `url`); its rows, or [] for a write. */
export async function sqlAt<T = Record<string, unknown>>(url: string, text: string, ...args: unknown[]): Promise<T[]> {
  if (dialect(url) === "postgres") return (await pool(url).query(numbered(text), args)).rows as T[];
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  try {
    const statement = db.prepare(text);
    const params = args.map((a) => (typeof a === "boolean" ? Number(a) : a instanceof Date ? a.toISOString().replace("Z", "+00:00") : a));
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return (statement.all(...params) as Record<string, unknown>[]).map(sqliteRow) as T[];
  } finally {
    db.close();
  }
}

/** Runs one statement on the run's database; its rows, or [] for a write. */
export function sql<T = Record<string, unknown>>(text: string, ...args: unknown[]): Promise<T[]> {
  return sqlAt<T>(databaseUrl(), text, ...args);
}

/** The first row, or undefined. */
export async function sqlRow<T = Record<string, unknown>>(text: string, ...args: unknown[]): Promise<T | undefined> {
  return (await sql<T>(text, ...args))[0];
}

/** The first column of the first row (a count, an id), or undefined. */
export async function sqlValue<T = number>(text: string, ...args: unknown[]): Promise<T> {
  const row = await sqlRow<Record<string, T>>(text, ...args);
  return row ? Object.values(row)[0] : (undefined as T);
}

/**
 * A fresh, empty database of the run's kind for an app a spec starts itself: a SQLite file in
 * `dir`, or a new database on the run's PostgreSQL server (E2E_POSTGRES_URL). The app's start
 * script migrates it.
 */
export async function ownDatabase(label: string, dir: string): Promise<string> {
  if (dialect() !== "postgres") return `file:${path.join(dir, "app.db")}`;
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error("E2E_POSTGRES_URL is not set (see playwright.config.ts)");
  const name = `${label}_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
