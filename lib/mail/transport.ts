import fs from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

// The one nodemailer transport. With SMTP_URL: pooled SMTP, in a worker thread. Without: each
// message is written to OUTBOX_DIR as an .eml file and its links are logged, so signing works
// locally with no mail server.

export type OutgoingMail = {
  messageId: string;
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

class FileSender implements MailSender {
  private transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  constructor(private dir: string, private from: string) {}
  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({ from: this.from, ...mail });
    await fs.mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(this.dir, `${stamp}-${mail.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 32)}.eml`);
    await fs.writeFile(file, info.message as Buffer);
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    console.log(`[mail] no SMTP_URL: wrote "${mail.subject}" to ${file}`);
    for (const link of links) console.log(`[mail]   link: ${link}`);
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
