import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { FileSender, logsLinksOf, mailStartupNotice } from "@/lib/mail/transport";

// Without SMTP_URL, mail is written to .eml files and its links are logged, except admin sign-in
// links in production (issue 9, finding 8): a log is read by more people than an inbox.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "transport-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const config = (vars: Record<string, string>) => parseEnv(vars);
const SIGN_IN = "http://localhost:3000/admin/sign-in/verify?token=secret-token-0123456789";
const CONFIRM = "http://localhost:3000/confirm/confirm-token-0123456789";

async function logOf(kind: string, text: string, vars: Record<string, string>): Promise<{ lines: string[]; eml: string }> {
  const lines: string[] = [];
  const sender = new FileSender(dir, "no-reply@localhost", (k) => logsLinksOf(k, config(vars)), (line) => lines.push(line));
  await sender.send({ kind, messageId: `<${kind}-${Math.random()}@localhost>`, to: "owner@example.org", subject: "Subject", text, html: "" });
  const file = lines[0].match(/ to (.*\.eml)$/)![1];
  return { lines, eml: fs.readFileSync(file, "utf8") };
}

describe("links logged without a mail server", () => {
  it("include an admin sign-in link outside production", async () => {
    const { lines } = await logOf("admin.sign-in", `Sign in: ${SIGN_IN}`, { NODE_ENV: "development" });
    expect(lines.join("\n")).toContain(SIGN_IN);
  });

  it("leave out an admin sign-in link in production (npm start), which stays in the .eml file only", async () => {
    const { lines, eml } = await logOf("admin.sign-in", `Sign in: ${SIGN_IN}`, { NODE_ENV: "production" });
    expect(lines.join("\n")).not.toContain("secret-token");
    expect(lines.join("\n")).toContain("MAIL_LOG_LINKS=1");
    expect(eml.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).toContain(SIGN_IN);
  });

  it("include an admin sign-in link in production with MAIL_LOG_LINKS=1, and never with MAIL_LOG_LINKS=0", async () => {
    expect((await logOf("admin.sign-in", SIGN_IN, { NODE_ENV: "production", MAIL_LOG_LINKS: "1" })).lines.join("\n")).toContain(SIGN_IN);
    expect((await logOf("admin.sign-in", SIGN_IN, { NODE_ENV: "development", MAIL_LOG_LINKS: "0" })).lines.join("\n")).not.toContain(SIGN_IN);
  });

  it("include a signer's confirmation link in production, so the quick start can confirm", async () => {
    expect((await logOf("signature.confirm", `Confirm: ${CONFIRM}`, { NODE_ENV: "production" })).lines.join("\n")).toContain(CONFIRM);
  });

  it("are written to files only this user can read", async () => {
    const { lines } = await logOf("signature.confirm", CONFIRM, {});
    const file = lines[0].match(/ to (.*\.eml)$/)![1];
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });
});

describe("the start-up line", () => {
  it("says in one line that links are logged because no mail server is set, and which", () => {
    const notice = mailStartupNotice(config({ NODE_ENV: "production" }));
    expect(notice).toMatch(/^\[mail\] no mail server is set \(SMTP_URL\): emails are written to data\/outbox as \.eml files and their links are logged here, except admin sign-in links/);
    expect(notice).not.toContain("\n");
    expect(mailStartupNotice(config({ NODE_ENV: "development" }))).toContain("admin sign-in links included");
  });

  it("is not written when a mail server is set", () => {
    expect(mailStartupNotice(config({ SMTP_URL: "smtp://mail.example.org:587" }))).toBeNull();
  });

  it("refuses a MAIL_LOG_LINKS other than 0 or 1", () => {
    expect(() => config({ MAIL_LOG_LINKS: "yes" })).toThrow(/MAIL_LOG_LINKS must be 0 or 1/);
  });
});
