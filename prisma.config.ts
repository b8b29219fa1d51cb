import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider, env, sqliteFilePath } from "./lib/env";

// Migrations run on Prisma's WebAssembly schema engine through the same driver adapter as the
// app, so no native engine is downloaded (docs/decisions/001-prisma-client-engine-and-js-migrations.md).
// DATABASE_URL picks the schema and the migration set: prisma/ for SQLite, prisma/postgres/ for
// PostgreSQL (docs/decisions/044-storage-boundary.md).
const url = env().DATABASE_URL;
const dir = databaseProvider(url) === "postgres" ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  async adapter() {
    if (databaseProvider(url) === "postgres") return new PrismaPg({ connectionString: url });
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
