import { env } from "@/lib/env";
import { startMailDispatcher } from "@/lib/mail/dispatcher";

/** Runs once when the Next.js server starts: fail fast on bad configuration, then start the outbox. */
export function onServerStart(): void {
  env();
  startMailDispatcher();
}
