import { env, EnvError } from "@/lib/env";
import { startMailDispatcher } from "@/lib/mail/dispatcher";

/** Runs once when the Next.js server starts: fail fast on bad configuration, then start the outbox. */
export function onServerStart(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // A server that answers every request with an error is worse than one that does not start.
    console.error(error.message);
    process.exit(1);
  }
  startMailDispatcher();
}
