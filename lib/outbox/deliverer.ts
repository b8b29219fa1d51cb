import type { Channel, Payloads } from "@/lib/outbox/message";

// What a channel provides to the dispatcher (lib/outbox/dispatch.ts): sending one claimed message,
// telling a permanent failure from a passing one, and where the message goes, so that after a
// passing failure the rest of the round's messages to the same place wait for the next round.

export type ClaimedMessage<C extends Channel> = { id: string; kind: string; attempts: number; payload: Payloads[C] };

export interface Deliverer<C extends Channel> {
  /** Sends the message; throws when it was not delivered. */
  deliver(message: ClaimedMessage<C>): Promise<void>;
  /** True when trying again cannot help (the message is then given up at once). */
  isPermanent(error: unknown): boolean;
  /** The server or endpoint the message goes to. */
  destination(message: ClaimedMessage<C>): string;
}
