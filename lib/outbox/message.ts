import type { Prisma } from "@/lib/db";
import { noteChange } from "@/lib/db/changes";
import { insertOutboxMessage, type StoredOutboxMessage } from "@/lib/db/outbox";
import type { SigningStore } from "@/lib/db/signing";
import { mailCapKey } from "@/lib/signatures/email";

// What the outbox carries, typed by channel. A message is queued with `enqueue(tx, message)` in the
// same transaction as the change that causes it; the channel's deliverer (lib/outbox/deliverers.ts)
// sends it afterwards. Stored as the `payload` JSON column plus a few indexed columns.
// docs/decisions/045-outbox-and-workers.md

export type MailKind = "signature.confirm" | "signature.already-signed" | "admin.sign-in" | "admin.invite";
/** lib/webhooks/events.ts WEBHOOK_EVENTS */
export type WebhookKind = "signature.confirmed" | "signature.withdrawn" | "signature.erased";

export type EmailMessage = {
  channel: "email";
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** the From display name (a campaign's senderName); the address is always MAIL_FROM's (lib/mail/sender.ts) */
  fromName?: string;
};

export type WebhookMessage = {
  channel: "webhook";
  kind: WebhookKind;
  endpointId: string;
  url: string;
  /** the JSON body exactly as it is signed and sent */
  body: string;
  /** the signature the event is about (erasure drops queued events that name a person) */
  signatureId: string | null;
};

export type OutboxMessage = EmailMessage | WebhookMessage;
export type Channel = OutboxMessage["channel"];
export type MessageOf<C extends Channel> = Extract<OutboxMessage, { channel: C }>;

/** The stored payload of each channel (what `payload` holds; bodies are removed once sent). */
export type Payloads = {
  email: { to: string; subject: string; text?: string; html?: string; fromName?: string };
  webhook: { url: string; endpointId: string; body?: string };
};

function stored(message: OutboxMessage, now: Date): StoredOutboxMessage {
  switch (message.channel) {
    case "email": {
      const payload: Payloads["email"] = {
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.fromName ? { fromName: message.fromName } : {}),
      };
      return {
        channel: "email",
        kind: message.kind,
        toAddress: message.to,
        capKey: mailCapKey(message.to),
        endpointId: null,
        signatureId: null,
        payload: JSON.stringify(payload),
        createdAt: now,
      };
    }
    case "webhook": {
      const payload: Payloads["webhook"] = { url: message.url, endpointId: message.endpointId, body: message.body };
      return {
        channel: "webhook",
        kind: message.kind,
        toAddress: message.url,
        capKey: null,
        endpointId: message.endpointId,
        signatureId: message.signatureId,
        payload: JSON.stringify(payload),
        createdAt: now,
      };
    }
  }
}

/** A transaction that can queue: a Prisma transaction client, or a signing store (lib/db/signing.ts). */
export type OutboxTx = Prisma.TransactionClient | SigningStore;

function isSigningStore(tx: OutboxTx): tx is SigningStore {
  return typeof (tx as SigningStore).insertOutboxMessage === "function";
}

/**
 * Queues a message inside `tx`. Once the transaction commits (through `transact()` or
 * `writeSigning()`), the after-commit step wakes the dispatcher here, and on PostgreSQL the
 * transaction's NOTIFY wakes workers elsewhere.
 */
export async function enqueue(tx: OutboxTx, message: OutboxMessage, now: Date = new Date()): Promise<void> {
  const row = stored(message, now);
  if (isSigningStore(tx)) await tx.insertOutboxMessage(row);
  else await insertOutboxMessage(tx, row);
  noteChange(tx, { kind: "outbox" });
}
