import { describe, expect, it } from "vitest";
import { databaseProvider, EnvError, parseEnv } from "@/lib/env";

// What an operator gets from the configuration they set, and what they are told when it is wrong.

function configError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe("an app started with no configuration", () => {
  const env = parseEnv({});

  it("keeps its signatures in ./data/app.db", () => {
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
  });

  it("listens on port 3000 and links to itself there", () => {
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("writes mail to files instead of sending it, from a local sender", () => {
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('"Speak Out" <no-reply@localhost>');
    expect(env.OUTBOX_DIR).toBe("data/outbox");
  });

  it("has the documented limits and retry settings", () => {
    expect(env).toMatchObject({
      OUTBOX_POLL_MS: 1000,
      OUTBOX_RETRY_BASE_MS: 5000,
      OUTBOX_MAX_ATTEMPTS: 12,
      OUTBOX_DISPATCHER: "inline",
      RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: 30,
      RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE: 60,
      RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: 5,
      TRUSTED_PROXY_HOPS: 0,
    });
  });
});

describe("an operator's configuration", () => {
  it("derives the links in emails from PORT when APP_URL is not set", () => {
    expect(parseEnv({ PORT: "8080" }).APP_URL).toBe("http://localhost:8080");
  });

  it("uses APP_URL for links when set, without a trailing slash", () => {
    expect(parseEnv({ APP_URL: "https://sign.example.org/" }).APP_URL).toBe("https://sign.example.org");
    expect(parseEnv({ APP_URL: "https://example.org/petitions//" }).APP_URL).toBe("https://example.org/petitions");
    expect(parseEnv({ APP_URL: "http://127.0.0.1:4000" }).APP_URL).toBe("http://127.0.0.1:4000");
  });

  it("treats variables set to an empty string as unset", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      PORT: "",
      APP_URL: "",
      SMTP_URL: "",
      MAIL_FROM: "",
      OUTBOX_MAX_ATTEMPTS: "",
      OUTBOX_DISPATCHER: "",
      NODE_ENV: "",
    });
    expect(env).toMatchObject({
      DATABASE_URL: "file:./data/app.db",
      PORT: 3000,
      APP_URL: "http://localhost:3000",
      SMTP_URL: undefined,
      MAIL_FROM: '"Speak Out" <no-reply@localhost>',
      OUTBOX_MAX_ATTEMPTS: 12,
      OUTBOX_DISPATCHER: "inline",
      NODE_ENV: "production",
    });
  });

  it("accepts a real SMTP server and sender", () => {
    const env = parseEnv({ SMTP_URL: "smtps://user:secret@mail.example.org:465", MAIL_FROM: "petitions@example.org" });
    expect(env.SMTP_URL).toBe("smtps://user:secret@mail.example.org:465");
    expect(env.MAIL_FROM).toBe("petitions@example.org");
  });

  it("reads numbers from their text", () => {
    const env = parseEnv({ OUTBOX_RETRY_BASE_MS: "50", RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "3", TRUSTED_PROXY_HOPS: "1" });
    expect([env.OUTBOX_RETRY_BASE_MS, env.RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR, env.TRUSTED_PROXY_HOPS]).toEqual([50, 3, 1]);
  });
});

describe("a mistake in the configuration", () => {
  it.each([
    ["APP_URL", "sign.example.org"],
    ["APP_URL", "ftp://sign.example.org"],
    ["APP_URL", "not a url"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["PORT", "0"],
    ["PORT", "80.5"],
    ["SMTP_URL", "mail.example.org:587"],
    ["SMTP_URL", "http://mail.example.org"],
    ["MAIL_FROM", "Speak Out"],
    ["MAIL_FROM", "Speak Out <no-reply>"],
    ["DATABASE_URL", "mysql://db.example.org/app"],
    ["DATABASE_URL", "./data/app.db"],
    ["DATABASE_POOL_SIZE", "0"],
    ["OUTBOX_MAX_ATTEMPTS", "-1"],
    ["OUTBOX_DISPATCHER", "sometimes"],
  ])("stops the app with a message naming %s (given %j)", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.name).toBe("EnvError");
    expect(error.message).toContain(name);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it.each([
    ["file:./data/app.db", "sqlite"],
    ["postgres://campaign:secret@db.example.org:5432/campaign", "postgres"],
    ["postgresql://campaign@127.0.0.1/campaign?sslmode=require", "postgres"],
  ])("takes DATABASE_URL %s as %s", (url, provider) => {
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(databaseProvider(url)).toBe(provider);
  });

  it("lists every wrong variable at once", () => {
    const error = configError({ APP_URL: "nope", PORT: "nope", MAIL_FROM: "nope" });
    for (const name of ["APP_URL", "PORT", "MAIL_FROM"]) {
      expect(error.issues.some((issue) => issue.startsWith(`${name} `))).toBe(true);
    }
  });

  it("names only the variable that is wrong", () => {
    const error = configError({ PORT: "nope", APP_URL: "https://sign.example.org" });
    expect(error.message).toContain("PORT");
    expect(error.message).not.toContain("APP_URL");
  });
});

describe("the admin owners in ADMIN_EMAILS", () => {
  it("is empty by default: nobody can sign in to the admin until an operator lists an owner", () => {
    expect(parseEnv({}).ADMIN_EMAILS).toEqual([]);
    expect(parseEnv({ ADMIN_EMAILS: "" }).ADMIN_EMAILS).toEqual([]);
  });

  it("reads a comma-separated list, trimmed and lower-cased", () => {
    expect(parseEnv({ ADMIN_EMAILS: " Owner@Example.org, second@example.org ," }).ADMIN_EMAILS).toEqual([
      "owner@example.org",
      "second@example.org",
    ]);
  });

  it("refuses an entry that is not an address, naming the variable", () => {
    const error = configError({ ADMIN_EMAILS: "owner@example.org; other@example.org" });
    expect(error.message).toContain("ADMIN_EMAILS");
    expect(error.message).toContain("comma-separated email addresses");
  });
});

describe("the mail budget and burst detection (ADR 052)", () => {
  it("has the documented defaults, with the big webmail domains exempt from the per-domain threshold", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ MAIL_BUDGET_PER_HOUR: 120000, SUSPECT_WINDOW_MINUTES: 60, SUSPECT_PER_CLIENT: 20, SUSPECT_PER_DOMAIN: 50, SUSPECT_PER_WEBMAIL_DOMAIN: 0 });
    expect(env.SUSPECT_WEBMAIL_DOMAINS).toEqual(expect.arrayContaining(["gmail.com", "outlook.com", "yahoo.com", "proton.me"]));
  });

  it("takes 0 to switch a rule off, and a list of domains of the operator's own", () => {
    const env = parseEnv({ MAIL_BUDGET_PER_HOUR: "0", SUSPECT_PER_CLIENT: "0", SUSPECT_WEBMAIL_DOMAINS: " Gmail.com, @uni.example " });
    expect(env).toMatchObject({ MAIL_BUDGET_PER_HOUR: 0, SUSPECT_PER_CLIENT: 0, SUSPECT_WEBMAIL_DOMAINS: ["gmail.com", "uni.example"] });
  });

  it("refuses a window longer than the client hash is kept, negative thresholds and entries that are not domains", () => {
    expect(configError({ SUSPECT_WINDOW_MINUTES: "361" }).message).toContain("SUSPECT_WINDOW_MINUTES must be at most 360");
    expect(configError({ SUSPECT_PER_DOMAIN: "-1" }).message).toContain("SUSPECT_PER_DOMAIN must be 0 or more");
    expect(configError({ SUSPECT_WEBMAIL_DOMAINS: "gmail.com,not a domain" }).message).toContain("SUSPECT_WEBMAIL_DOMAINS must be comma-separated domains");
  });
});
