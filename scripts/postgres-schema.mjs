#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the same models, with the
// PostgreSQL provider and a client of its own. The models are written once, in the SQLite schema;
// `--check` exits 1 when the PostgreSQL schema on disk is not the one this would write (the test
// suite runs it, so the two cannot drift). docs/decisions/044-storage-boundary.md
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

export function postgresSchema(text) {
  const replaced = text
    .replace(/output(\s*)= "\.\.\/lib\/generated\/prisma"/, 'output$1= "../../lib/generated/prisma-pg"')
    .replace(/provider(\s*)= "sqlite"/, 'provider$1= "postgresql"');
  if (replaced === text || !replaced.includes('"postgresql"') || !replaced.includes("prisma-pg")) {
    throw new Error("prisma/schema.prisma: expected a sqlite datasource and an output of ../lib/generated/prisma");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: edit that file, then run\n// npm run db:schemas (the test suite fails while the two differ).\n\n${replaced}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const expected = postgresSchema(fs.readFileSync(source, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (actual !== expected) {
      console.error("prisma/postgres/schema.prisma is not generated from prisma/schema.prisma: run npm run db:schemas");
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, expected);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
