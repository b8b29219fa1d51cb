import fs from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import nodemailer from "nodemailer";
import { env, type Env } from "@/lib/env";
import type { FromHeader } from "@/lib/mail/sender";

// The one nodemailer transport. With SMTP_URL: pooled SMTP, in a worker thread. Without: each
// message is written to OUTBOX_DIR as an .eml file and its links are logged, so signing works
// locally with no mail server; an admin sign-in link is logged only outside production or with
// MAIL_LOG_LINKS=1 (docs/decisions/051-admin-sign-in-timing-and-logged-links.md).

export type OutgoingMail = {
  /** the outbox kind (lib/outbox/message.ts), which decides whether its links may be logged */
  kind?: string;
  messageId: string;
  /** the From header; unset: the sender's default (MAIL_FROM). Its address is the envelope sender. */
  from?: FromHeader;
  to: string;
  subject: string;
  text: string;
  html: string;
};

export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** How many emails go out at once: the SMTP connections the pool keeps open. */
export const SMTP_POOL_SIZE = 10;

type Reply = { id: number; ok: true } | { id: number; ok: false; error: { message: string; code?: string; responseCode?: number } };

/** Pooled SMTP through nodemailer, running in a worker thread (lib/mail/smtp-worker.mjs). */
class SmtpSender implements MailSender {
  private worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  constructor(url: string, from: string) {
    const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/mail/smtp-worker.mjs");
    this.worker = new Worker(script, { workerData: { url, from, poolSize: SMTP_POOL_SIZE } });
    // An idle mail thread must not keep a script or a test alive; one with mail to send does.
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (reply.ok) waiter.resolve();
      else waiter.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, responseCode: reply.error.responseCode }));
    });
    this.worker.on("error", (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
  }

  send(mail: OutgoingMail): Promise<void> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, mail });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Mail whose links open an admin session: never in a production log unless MAIL_LOG_LINKS=1. */
const SECRET_LINK_KINDS = new Set(["admin.sign-in"]);

/** Whether the .eml writer logs the links of a mail of this kind. */
export function logsLinksOf(kind: string | undefined, config: Pick<Env, "NODE_ENV" | "MAIL_LOG_LINKS">): boolean {
  if (!kind || !SECRET_LINK_KINDS.has(kind)) return true;
  if (config.MAIL_LOG_LINKS) return config.MAIL_LOG_LINKS === "1";
  return config.NODE_ENV !== "production";
}

/** The one start-up line without SMTP_URL, saying where mail goes and which links are logged; null with SMTP. */
export function mailStartupNotice(config: Pick<Env, "SMTP_URL" | "OUTBOX_DIR" | "NODE_ENV" | "MAIL_LOG_LINKS">): string | null {
  if (config.SMTP_URL) return null;
  const admin = logsLinksOf("admin.sign-in", config)
    ? "admin sign-in links included"
    : "except admin sign-in links, which are only in the .eml files (MAIL_LOG_LINKS=1 logs them too)";
  return `[mail] no mail server is set (SMTP_URL): emails are written to ${config.OUTBOX_DIR} as .eml files and their links are logged here, ${admin}`;
}

export class FileSender implements MailSender {
  private transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  constructor(
    private dir: string,
    private from: string,
    private logLinks: (kind: string | undefined) => boolean = (kind) => logsLinksOf(kind, env()),
    private log: (line: string) => void = console.log,
  ) {}
  async send({ kind, from, ...mail }: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({ ...mail, from: from ?? this.from });
    await fs.mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(this.dir, `${stamp}-${mail.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 32)}.eml`);
    // Links in it may sign someone in: readable by this user only.
    await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    this.log(`[mail] no SMTP_URL: wrote "${mail.subject}" to ${file}`);
    if (!this.logLinks(kind)) {
      if (links.length > 0) this.log(`[mail]   its sign-in link is not logged (MAIL_LOG_LINKS=1 logs it): it is in that file`);
      return;
    }
    for (const link of links) this.log(`[mail]   link: ${link}`);
  }
}

let sender: MailSender | undefined;

export function mailSender(): MailSender {
  if (!sender) {
    const { SMTP_URL, MAIL_FROM, OUTBOX_DIR } = env();
    sender = SMTP_URL ? new SmtpSender(SMTP_URL, MAIL_FROM) : new FileSender(path.resolve(OUTBOX_DIR), MAIL_FROM);
  }
  return sender;
}

/** For tests: send through a given sender instead of the configured one. */
export function setMailSender(next: MailSender | undefined): void {
  sender = next;
}
