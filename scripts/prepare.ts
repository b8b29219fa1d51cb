// Brings the database named by DATABASE_URL up to date before the server starts: checks the
// configuration, applies pending migrations and loads the campaigns from content/ (idempotent).
// Usage: tsx scripts/prepare.ts [--content DIR]...   (content/ is always loaded first)
import { spawnSync } from "node:child_process";
import path from "node:path";
import { contentWarnings, loadContent, ContentError } from "@/lib/campaigns/content";
import { seedContent } from "@/lib/campaigns/seed";
import { disconnectDb, prepareDatabase } from "@/lib/db";
import { env, EnvError } from "@/lib/env";

function contentDirs(argv: string[]): string[] {
  const dirs = [path.resolve("content")];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--content" && argv[i + 1]) dirs.push(path.resolve(argv[++i]));
  }
  return dirs;
}

async function main() {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Several processes started at once (app processes, workers) all migrate: Prisma serialises them
  // with an advisory lock on PostgreSQL but gives up waiting after 10 s, so a start that lost the
  // race tries again; by then the migrations are applied and it has nothing left to do.
  for (let attempt = 1; ; attempt++) {
    const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], {
      encoding: "utf8",
      // The schema names DATABASE_URL; hand the CLI the validated value, default included.
      env: { ...process.env, DATABASE_URL: config.DATABASE_URL },
    });
    process.stdout.write(migrate.stdout ?? "");
    process.stderr.write(migrate.stderr ?? "");
    if (migrate.status === 0) break;
    if (attempt < 6 && /advisory lock/.test(`${migrate.stdout}${migrate.stderr}`)) {
      console.log("Another process is migrating the database: waiting for it…");
      continue;
    }
    console.error("Database migration failed: the server was not started.");
    process.exit(1);
  }
  await prepareDatabase();

  const bundles = [];
  for (const dir of contentDirs(process.argv.slice(2))) bundles.push(await loadContent(dir));
  const report = await seedContent(bundles);
  console.log(`Loaded ${report.campaigns} campaign(s) and ${report.partners} partner organisation(s) from content.`);
  for (const warning of contentWarnings(bundles)) console.warn(`Content warning: ${warning}`);
  await disconnectDb();
}

main().catch((error) => {
  console.error(error instanceof ContentError ? `Content error: ${error.message}` : error);
  process.exit(1);
});
