import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env, sqliteFilePath } from "./lib/env";

// Migrations run on Prisma's WebAssembly schema engine through the same driver adapter as the
// app, so no native engine is downloaded (docs/decisions/001-prisma-client-engine-and-js-migrations.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const file = sqliteFilePath(env().DATABASE_URL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
