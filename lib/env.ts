import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Everything else imports `env()`.

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);

const httpUrl = z
  .string()
  .url("must be an absolute URL such as https://sign.example.org")
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));

const mailbox = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+)$/;

const adminEmail = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

/** ADMIN_EMAILS: comma-separated owner addresses, lower-cased; empty means no owner can sign in. */
const adminEmails = z.preprocess(
  (value) => (typeof value === "string" ? value : ""),
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))
    .refine((list) => list.every((e) => adminEmail.test(e)), {
      message: "must be comma-separated email addresses such as owner@example.org,other@example.org",
    }),
);

const positiveInt = (fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").positive("must be positive").default(fallback));

const wholeAtLeastZero = (fallback: number) =>
  z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").default(fallback));

/** Big webmail providers: too many real supporters share them for a per-domain burst threshold (ADR 052). */
const WEBMAIL_DOMAINS =
  "gmail.com,outlook.com,hotmail.com,live.com,msn.com,yahoo.com,ymail.com,icloud.com,me.com,mac.com,aol.com,proton.me,protonmail.com,pm.me," +
  "gmx.com,gmx.net,gmx.de,web.de,mail.com,yandex.com,yandex.ru,mail.ru,qq.com,163.com,126.com,naver.com,orange.fr,free.fr,t-online.de," +
  "hotmail.co.uk,hotmail.fr,yahoo.co.uk,yahoo.fr,libero.it,fastmail.com,tutanota.com,tuta.io,zoho.com";

const domainList = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? value : WEBMAIL_DOMAINS),
  z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))
    .refine((list) => list.every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)), { message: "must be comma-separated domains such as gmail.com,outlook.com" }),
);

const schema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUnset, z.enum(["development", "production", "test"]).default("production")),
    DATABASE_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .default("file:./data/app.db")
        .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
          message: "must be a SQLite file URL such as file:./data/app.db or a PostgreSQL URL such as postgres://user:pass@db.example.org:5432/campaign",
        }),
    ),
    DATABASE_POOL_SIZE: positiveInt(10),
    PORT: z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").min(1).max(65535, "must be a port number (1-65535)").default(3000)),
    APP_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
    SMTP_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .url("must be a URL such as smtp://user:pass@mail.example.org:587")
        .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(mailbox, 'must be an address such as "Campaign name" <campaign@example.org>')
        .default('"Speak Out" <no-reply@localhost>'),
    ),
    OUTBOX_DIR: z.preprocess(emptyAsUnset, z.string().default("data/outbox")),
    /** without SMTP_URL: "1" logs admin sign-in links even in production, "0" never; unset: only outside production */
    MAIL_LOG_LINKS: z.preprocess(emptyAsUnset, z.enum(["0", "1"], "must be 0 or 1").optional()),
    OUTBOX_POLL_MS: positiveInt(1000),
    OUTBOX_RETRY_BASE_MS: positiveInt(5000),
    OUTBOX_MAX_ATTEMPTS: positiveInt(12),
    OUTBOX_DISPATCHER: z.preprocess(emptyAsUnset, z.enum(["inline", "off"]).default("inline")),
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: positiveInt(30),
    RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE: positiveInt(60),
    RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: positiveInt(5),
    // ADR 052: mail sent per hour by every process together (0: no budget), and burst detection.
    // 2,000 a minute: the peak of the largest petition surge on record (issue 7), so that a real viral
    // day is never held; an operator lowers it to the mail provider's own limit (ADR 052).
    MAIL_BUDGET_PER_HOUR: wholeAtLeastZero(120000),
    SUSPECT_WINDOW_MINUTES: z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").min(1).max(360, "must be at most 360 (6 hours)").default(60)),
    SUSPECT_PER_CLIENT: wholeAtLeastZero(20),
    SUSPECT_PER_DOMAIN: wholeAtLeastZero(50),
    SUSPECT_PER_WEBMAIL_DOMAIN: wholeAtLeastZero(0),
    SUSPECT_WEBMAIL_DOMAINS: domainList,
    ADMIN_EMAILS: adminEmails,
    RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR: positiveInt(20),
    ADMIN_DASHBOARD_CACHE_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(3600).default(60)),
    RETENTION_MONTHS_AFTER_CLOSE: positiveInt(6),
    TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUnset, z.coerce.number().int("must be a whole number").min(0).max(10).default(0)),
  })
  .transform((e) => ({ ...e, APP_URL: e.APP_URL ?? `http://localhost:${e.PORT}` }));

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const got = source[name];
        return `${name} ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Absolute path of the SQLite file named by a `file:` URL, relative paths taken from the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "").split("?")[0];
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

export type DatabaseProvider = "sqlite" | "postgres";

/** Which database a DATABASE_URL names: `file:` is SQLite, `postgres://` or `postgresql://` is PostgreSQL. */
export function databaseProvider(databaseUrl: string): DatabaseProvider {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgres";
}

/**
 * The host of APP_URL, for next.config.ts `serverActions.allowedOrigins`: Server Actions accept an
 * Origin of APP_URL's host even behind a proxy that rewrites Host. (The app's server refuses every
 * other Origin before Next sees the request: lib/http/front.ts.) Empty while the configuration is
 * invalid, as it may be during a build; the server refuses to start then.
 */
export function serverActionOrigins(source: Record<string, string | undefined> = process.env): string[] {
  try {
    return [new URL(parseEnv(source).APP_URL).host];
  } catch {
    return [];
  }
}
