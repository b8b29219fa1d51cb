import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrationStatements } from "@/tests/unit/support/database";

// The models are written once (prisma/schema.prisma); the PostgreSQL schema is generated from
// them and each provider keeps its own migrations. These checks fail when the generated schema is
// stale, or when a provider's migrations do not build exactly what its schema describes, or when
// the two databases would not have the same tables, columns and indexes.

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "schema-drift-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Structure = Record<string, { columns: Record<string, string>; indexes: Record<string, string> }>;

function fromEmptyScript(schema: string): string {
  return execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function migrationSql(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((m) => path.join(dir, m, "migration.sql"))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, "utf8"));
}

function sqliteStructure(scripts: string[]): Structure {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.db`);
  const db = new Database(file);
  try {
    for (const sql of scripts) for (const statement of migrationStatements(sql)) db.exec(statement);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name").all() as { name: string }[];
    const out: Structure = {};
    for (const { name } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
      const indexes = db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[];
      out[name] = {
        columns: Object.fromEntries(columns.map((c) => [c.name, `${c.type} ${c.notnull ? "NOT NULL" : "NULL"} ${c.dflt_value ?? ""} ${c.pk ? "PK" : ""}`])),
        indexes: Object.fromEntries(
          indexes
            .filter((i) => i.origin === "c")
            .map((i) => [i.name, `${i.unique ? "UNIQUE " : ""}${(db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",")}`]),
        ),
      };
    }
    return out;
  } finally {
    db.close();
  }
}

async function postgresStructure(server: string, scripts: string[]): Promise<Structure> {
  const name = `drift_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const sql of scripts) for (const statement of migrationStatements(sql)) await client.query(statement);
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name NOT LIKE '\\_prisma%' ORDER BY table_name, ordinal_position`,
    );
    const indexes = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%' AND indexname NOT LIKE '%\\_pkey'`,
    );
    const out: Structure = {};
    for (const c of columns.rows) {
      out[c.table_name] ??= { columns: {}, indexes: {} };
      out[c.table_name].columns[c.column_name] = `${c.data_type} ${c.is_nullable === "NO" ? "NOT NULL" : "NULL"} ${c.column_default ?? ""}`;
    }
    for (const i of indexes.rows) out[i.tablename].indexes[i.indexname] = i.indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING btree /, "$1");
    return out;
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Tables, columns and index names, without dialect-specific types. */
function shape(s: Structure) {
  return Object.fromEntries(Object.entries(s).map(([t, v]) => [t, { columns: Object.keys(v.columns).sort(), indexes: Object.keys(v.indexes).sort() }]));
}

describe("the two schemas and their migrations", () => {
  it("prisma/postgres/schema.prisma is the one generated from prisma/schema.prisma", () => {
    const check = spawnSync(process.execPath, ["scripts/postgres-schema.mjs", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("SQLite's migrations build exactly what prisma/schema.prisma describes", () => {
    const migrated = sqliteStructure(migrationSql(path.join(ROOT, "prisma", "migrations")));
    const described = sqliteStructure([fromEmptyScript("prisma/schema.prisma")]);
    expect(Object.keys(migrated).length).toBeGreaterThan(10);
    expect(migrated).toEqual(described);
  });

  const server = process.env.TEST_POSTGRES_URL;
  it.runIf(Boolean(server))("PostgreSQL's migrations build exactly what prisma/postgres/schema.prisma describes, with SQLite's tables, columns and indexes", async () => {
    const migrated = await postgresStructure(server!, migrationSql(path.join(ROOT, "prisma", "postgres", "migrations")));
    const described = await postgresStructure(server!, [fromEmptyScript("prisma/postgres/schema.prisma")]);
    expect(Object.keys(migrated).length).toBeGreaterThan(10);
    expect(migrated).toEqual(described);
    const sqlite = sqliteStructure(migrationSql(path.join(ROOT, "prisma", "migrations")));
    expect(shape(migrated)).toEqual(shape(sqlite));
  });
});
