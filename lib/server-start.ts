import { startBackground, startListening } from "@/lib/background";
import { env, EnvError } from "@/lib/env";

/**
 * Runs once when the Next.js server starts: fail fast on bad configuration, then start the outbox
 * dispatcher and the periodic jobs, unless OUTBOX_DISPATCHER=off leaves them to `npm run worker`.
 * Either way the process listens for other processes' changes (PostgreSQL), for its caches.
 */
export function onServerStart(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // A server that answers every request with an error is worse than one that does not start.
    console.error(error.message);
    process.exit(1);
  }
  if (env().OUTBOX_DISPATCHER === "off") startListening();
  else startBackground((line) => console.log(line));
}
