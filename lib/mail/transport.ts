import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { env } from "@/lib/env";

// The one nodemailer transport. With SMTP_URL: pooled SMTP. Without: each message is written to
// OUTBOX_DIR as an .eml file and its links are logged, so signing works locally with no mail server.

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

class SmtpSender implements MailSender {
  private transporter: Transporter;
  constructor(url: string, private from: string) {
    // Options go in one object with the URL: a second argument would be per-message defaults.
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as object);
  }
  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, ...mail });
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
