import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/unit/support/database";

// The sign form's server side as the Server Action hands it a posted form: the honeypot, the
// per-client limit, validation with the values sent back, attribution, and where the supporter
// goes next. Against a real SQLite file; what is stored is read straight from it.

const ROOT = path.resolve(__dirname, "../..");
const SIGN_LIMIT = 4;

let database: TestDatabase;
let appDb: typeof import("@/lib/db");
let signForm: typeof import("@/lib/signatures/sign-form");

beforeAll(async () => {
  database = await createTestDatabase("sign-form");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: "https://sign.example.org",
    OUTBOX_DISPATCHER: "off",
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: String(SIGN_LIMIT),
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb(); // a client left by another test file in this worker points elsewhere
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
  signForm = await import("@/lib/signatures/sign-form");
});

afterAll(async () => {
  await appDb?.disconnectDb();
  await database?.remove();
});

beforeEach(async () => {
  await appDb.db().outboxMessage.deleteMany();
  await appDb.db().signature.deleteMany();
});

let clients = 0;
/** Each test posts from its own client address unless it is about the limit. */
const newClient = () => `203.0.113.${++clients}`;

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

const valid = { campaign: "guterres-xinjiang", fullName: "Aylin Kadir", email: "aylin@example.org", country: "FR" };

async function stored() {
  return {
    signatures: await database.rows('SELECT "fullName", email, source, "utmSource", "refCode", "partnerId" FROM "Signature"'),
    outbox: Number((await database.rows<{ n: number }>('SELECT count(*) AS n FROM "OutboxMessage"'))[0].n),
  };
}

describe("the sign form's server side", () => {
  it("answers a bot that filled the honeypot exactly like a person, and stores and mails nothing", async () => {
    const result = await signForm.submitSignForm(form({ ...valid, website: "https://spam.example" }), { locale: "en", clientKey: newClient(), attempt: 0 });
    const person = await signForm.submitSignForm(form({ ...valid, email: "person@example.org" }), { locale: "en", clientKey: newClient(), attempt: 0 });
    expect(result).toEqual({ redirectTo: "/c/guterres-xinjiang/check-email" });
    expect(person).toEqual(result);
    expect((await stored()).signatures.map((s) => s.email)).toEqual(["person@example.org"]);
    expect((await stored()).outbox).toBe(1);
  });

  it("stores a valid signing with its queued email and sends the supporter to the check-email page", async () => {
    const result = await signForm.submitSignForm(form({ ...valid, utm_source: "newsletter", ref: "abc123" }), { locale: "en", clientKey: newClient(), attempt: 0 });
    expect(result).toEqual({ redirectTo: "/c/guterres-xinjiang/check-email" });
    expect((await stored()).signatures).toEqual([{ fullName: "Aylin Kadir", email: "aylin@example.org", source: "utm", utmSource: "newsletter", refCode: "abc123", partnerId: null }]);
    expect((await stored()).outbox).toBe(1);
  });

  it("sends invalid input back with the errors, the values and the attribution, and stores nothing", async () => {
    const result = await signForm.submitSignForm(
      form({ campaign: "guterres-xinjiang", fullName: "  ", email: "not-an-email", country: "", comment: "Kept", utm_campaign: "spring" }),
      { locale: "en", clientKey: newClient(), attempt: 2 },
    );
    expect(result).toEqual({
      state: {
        status: "invalid",
        errors: { fullName: "nameRequired", email: "emailInvalid", country: "countryRequired" },
        values: expect.objectContaining({ email: "not-an-email", comment: "Kept" }),
        attempt: 3,
        hiddenFields: [["utm_campaign", "spring"]],
      },
    });
    expect(await stored()).toEqual({ signatures: [], outbox: 0 });
  });

  it("keeps an embed's signing inside the embed and attributes it to the partner", async () => {
    const result = await signForm.submitSignForm(form({ ...valid, embed: "1", partner: "amnesty-international" }), { locale: "en", clientKey: newClient(), attempt: 0 });
    expect(result).toEqual({ redirectTo: "/embed/guterres-xinjiang/check-email" });
    const [row] = (await stored()).signatures;
    expect(row.source).toBe("embed");
    expect(row.partnerId).not.toBeNull();
  });

  it(`refuses the ${SIGN_LIMIT + 1}th attempt from one client within a minute, before validating or storing`, async () => {
    const client = newClient();
    for (let i = 0; i < SIGN_LIMIT; i++) {
      const result = await signForm.submitSignForm(form({ ...valid, email: `limit${i}@example.org` }), { locale: "en", clientKey: client, attempt: i });
      expect(result).toEqual({ redirectTo: "/c/guterres-xinjiang/check-email" });
    }
    const refused = await signForm.submitSignForm(form({ ...valid, email: "one-too-many@example.org" }), { locale: "en", clientKey: client, attempt: SIGN_LIMIT });
    expect(refused).toMatchObject({ state: { status: "rate-limited", values: { email: "one-too-many@example.org" } } });
    expect((await stored()).signatures).toHaveLength(SIGN_LIMIT);
    // Another client is not held back by this one.
    expect(await signForm.submitSignForm(form({ ...valid, email: "other@example.org" }), { locale: "en", clientKey: newClient(), attempt: 0 })).toEqual({
      redirectTo: "/c/guterres-xinjiang/check-email",
    });
  });

  it("refuses a closed campaign or an unknown one with the closed state, and stores nothing", async () => {
    for (const campaign of ["closed-test-campaign", "no-such-campaign"]) {
      const result = await signForm.submitSignForm(form({ ...valid, campaign }), { locale: "en", clientKey: newClient(), attempt: 0 });
      expect(result).toMatchObject({ state: { status: "closed" } });
    }
    expect(await stored()).toEqual({ signatures: [], outbox: 0 });
  });
});

describe("the no-JavaScript sign POST (/c/<slug>/sign, ADR 061)", () => {
  const headers = (client: string, referer?: string) => new Headers({ "x-forwarded-for": client, host: "sign.example.org", ...(referer ? { referer } : {}) });
  const post = async () => import("@/lib/signatures/sign-post");

  it("answers a complete form with a 303 to check your inbox, in the form's language; the embed's stays in its frame", async () => {
    const { signFromPost } = await post();
    expect(await signFromPost(form({ ...valid, locale: "fr" }), headers(newClient()), undefined)).toEqual({ status: 303, location: "/fr/c/guterres-xinjiang/check-email" });
    expect(await signFromPost(form({ ...valid, email: "embed@example.org", locale: "ug", embed: "1" }), headers(newClient()), undefined)).toEqual({ status: 303, location: "/embed/guterres-xinjiang/check-email" });
    expect((await stored()).signatures.map((s) => [s.email, s.source])).toEqual([["aylin@example.org", "direct"], ["embed@example.org", "embed"]]);
  });

  it("sends an incomplete form back to the page it came from, query kept, before the rate limit counts it", async () => {
    const { signFromPost } = await post();
    const client = newClient();
    const page = "https://sign.example.org/ar/c/guterres-xinjiang?ref=ABCDEFGH&utm_source=whatsapp";
    for (let i = 0; i < SIGN_LIMIT + 2; i++) {
      expect(await signFromPost(form({ ...valid, email: "not-an-email", locale: "ar" }), headers(client, page), undefined)).toEqual({ status: 307, location: "/ar/c/guterres-xinjiang?ref=ABCDEFGH&utm_source=whatsapp" });
    }
    expect((await stored()).signatures).toEqual([]);
    // None of those counted: the same client's complete form is signed.
    expect((await signFromPost(form({ ...valid, locale: "ar" }), headers(client, page), undefined)).status).toBe(303);
  });

  it("rebuilds the page from the form when the Referer is missing, foreign or this address itself", async () => {
    const { signFromPost } = await post();
    const incomplete = (extra: Record<string, string>) => form({ ...valid, fullName: "", ...extra });
    expect(await signFromPost(incomplete({ locale: "fr" }), headers(newClient()), undefined)).toEqual({ status: 307, location: "/fr/c/guterres-xinjiang" });
    expect(await signFromPost(incomplete({ locale: "en" }), headers(newClient(), "https://elsewhere.example/c/guterres-xinjiang"), undefined)).toEqual({ status: 307, location: "/c/guterres-xinjiang" });
    expect(await signFromPost(incomplete({ locale: "ug", embed: "1" }), headers(newClient(), "https://sign.example.org/c/guterres-xinjiang/sign"), undefined)).toEqual({ status: 307, location: "/ug/embed/guterres-xinjiang" });
  });

  it("sends a rate-limited client back to the page, where the form says so; nothing is stored", async () => {
    const { signFromPost } = await post();
    const client = newClient();
    for (let i = 0; i < SIGN_LIMIT; i++) expect((await signFromPost(form({ ...valid, email: `limit${i}@example.org` }), headers(client), undefined)).status).toBe(303);
    expect(await signFromPost(form({ ...valid, email: "over@example.org" }), headers(client), undefined)).toEqual({ status: 307, location: "/c/guterres-xinjiang" });
    expect((await stored()).signatures.map((s) => s.email)).not.toContain("over@example.org");
  });
});
