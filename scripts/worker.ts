// A worker: the outbox dispatcher and the periodic jobs (lib/jobs/jobs.ts) as a process of its own,
// beside any number of app processes (run them with OUTBOX_DISPATCHER=off) and other workers on
// the same database. On PostgreSQL it wakes at once when a transaction anywhere queues a message
// (LISTEN/NOTIFY) and polls every OUTBOX_POLL_MS as the fallback; on SQLite it polls.
// SIGTERM or SIGINT: the round in progress finishes (its outcomes are recorded, its leases
// released), then the process exits 0.
// Usage: npm run worker   (node --conditions=react-server --import tsx scripts/worker.ts)
import { startBackground, stopBackground } from "@/lib/background";
import { disconnectDb, dialect } from "@/lib/db";
import { listeningForChanges } from "@/lib/db/changes";
import { JOBS } from "@/lib/jobs/jobs";
import { env, EnvError } from "@/lib/env";

function log(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

async function main(): Promise<void> {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Nothing else may keep an idle SQLite worker alive: this does, until it is told to stop.
  const alive = setInterval(() => undefined, 1 << 30);
  startBackground(log);
  await listeningForChanges();
  log(
    `[worker] started (pid ${process.pid}, ${dialect()}): outbox dispatcher${dialect() === "postgres" ? " woken by NOTIFY" : ""}, polling every ${env().OUTBOX_POLL_MS} ms; jobs: ${JOBS.map((j) => j.name).join(", ")}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`[worker] ${signal}: finishing the round in progress`);
    await stopBackground();
    await disconnectDb();
    clearInterval(alive);
    log("[worker] stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("[worker] failed to start:", error);
  process.exit(1);
});
