import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Browser, type BrowserContext, type Page, test } from "@playwright/test";
import { fillSignForm, submitSignForm } from "./support/campaign";
import { ownDatabase, sqlAt } from "./support/db";
import { confirmByLink, type FormSigner, signByForm } from "./support/form-post";
import { extractLink, waitForMail } from "./support/mail";
import { newReplica, OsdiClient, type Replica, type Resource, withoutPersonalData } from "./support/osdi-client";

// OSDI conformance (issue 13, ADR 055): a small generic OSDI client (e2e/support/osdi-client.ts,
// written from the OSDI documentation and docs/api.md, knowing nothing of the app's code) starts
// at the API Entry Point, follows links to the campaign's signatures, pages through them by page
// number and by next links, and keeps a replica in step with incremental syncs (`filter`). What
// it holds is compared with the database through SQL, never with the API itself: every confirmed
// signature once, no one else, the right names and addresses, and the email status that the
// consent in the token's scope gives (the campaign's for an owner, the partner's for a partner).
//
// Its own app (npm start's scripts/start.mjs, a database of its own of the run's kind, mail to the
// suite's catcher), so that it knows every signature in the database: 60 confirmed signatures with
// mixed consents, signed and confirmed through the real no-JavaScript forms, and a few left
// unconfirmed. Then people and the owner change things through the app's pages and links, and an
// incremental sync must bring both replicas back to the database exactly.

const PORT = Number(process.env.E2E_APP_PORT ?? 3100) + 11;
const BASE = `http://127.0.0.1:${PORT}`;
const AEP = `${BASE}/api/v1`;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
const ROOT = path.resolve(import.meta.dirname, "..");
const SLUG = "guterres-xinjiang";
const PARTNER = "human-rights-watch";
const OWNER = "conformance-owner@example.org";
const SIGNATURES = "osdi:signatures";
const PERSON = "osdi:person";
const run = Date.now().toString(36);
const SPAM_DOMAIN = `wave-${run}.example.net`;

test.describe.configure({ mode: "serial", timeout: 180_000 });

// ---------------------------------------------------------------------------------------------
// The people

const NAMES = ["Aylin Kadir", "Gulnar", "Erkin Sidiq Tursun", "Мария Иванова", "Zumret Dawut", "Ilham", "José María García", "مهرناز رحیمی"];
const CONFIRMED = 60;
/** Signers whose address is at the spam domain the owner invalidates later. */
const SPAM = new Set([50, 51, 52]);

function seedSigner(i: number): FormSigner {
  return {
    name: NAMES[i % NAMES.length],
    email: SPAM.has(i) ? `bot${i}@${SPAM_DOMAIN}` : `osdi.${i}.${run}@example.org`,
    campaignUpdates: i % 2 === 0,
    partners: [...(i % 3 === 0 ? [PARTNER] : []), ...(i % 5 === 0 ? ["amnesty-international"] : [])],
  };
}
const seeded = Array.from({ length: CONFIRMED }, (_, i) => seedSigner(i));
/** Signed but never confirmed (before the changes): never listed. */
const unconfirmed: FormSigner[] = [0, 1, 2, 3].map((j) => ({
  name: `Pending Person ${j}`,
  email: `osdi.pending${j}.${run}@example.org`,
  campaignUpdates: j % 2 === 0,
  partners: j % 2 === 0 ? [PARTNER] : [],
}));

// ---------------------------------------------------------------------------------------------
// The app

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osdi-conformance-"));
let databaseUrl = "";
let app: ChildProcess | undefined;
let log = "";
let ownerToken = "";
let partnerToken = "";
/** The signature id of each seeded signer, by index. */
const ids: string[] = [];

/** Runs an npm script of the app against this spec's database, as an operator would. */
async function npmScript(script: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("npm", ["run", "-s", script, "--", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, OUTBOX_DISPATCHER: "off" },
  });
  return stdout.trim();
}

async function confirmMail(email: string, count = 1) {
  return waitForMail(email, { subjectIncludes: "confirm your signature", count, timeoutMs: 30_000 });
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  databaseUrl = await ownDatabase("osdi_conformance", dir);
  app = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      APP_URL: BASE,
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: '"Speak Out" <campaign@example.org>',
      OUTBOX_POLL_MS: "100",
      ADMIN_EMAILS: OWNER,
      ADMIN_DASHBOARD_CACHE_SECONDS: "0",
      RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: "1000000",
      RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE: "1000000",
      RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR: "1000",
      RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "50",
      SUSPECT_PER_CLIENT: "0",
      SUSPECT_PER_DOMAIN: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  app.stdout?.on("data", (d) => (log = (log + d).slice(-20_000)));
  app.stderr?.on("data", (d) => (log = (log + d).slice(-20_000)));
  await expect
    .poll(
      async () => {
        if (app!.exitCode !== null) throw new Error(`the app exited with ${app!.exitCode}:\n${log}`);
        return fetch(`${BASE}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 150_000, message: "the conformance app answers" },
    )
    .toBe(200);

  // Sixty people sign and confirm through the forms, four sign and do not confirm.
  const campaignUrl = `${BASE}/c/${SLUG}`;
  for (const signer of [...seeded, ...unconfirmed]) await signByForm(campaignUrl, signer);
  for (const signer of seeded) await confirmByLink(extractLink(await confirmMail(signer.email), "/confirm/"));
  const rows = await sqlAt<{ id: string; email: string; status: string }>(databaseUrl, `SELECT id, email, status FROM "Signature"`);
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  for (const signer of seeded) {
    const row = byEmail.get(signer.email);
    expect(row?.status, signer.email).toBe("confirmed");
    ids.push(row!.id);
  }
  for (const signer of unconfirmed) expect(byEmail.get(signer.email)?.status, signer.email).toBe("pending");

  ownerToken = await npmScript("integration-token", ["--name", "Conformance owner"]);
  partnerToken = await npmScript("integration-token", ["--name", "Conformance HRW", "--partner", PARTNER]);
  for (const token of [ownerToken, partnerToken]) expect(token).toMatch(/^spk_[A-Za-z0-9_-]{43}$/);
});

test.afterAll(async () => {
  if (app?.pid && app.exitCode === null) {
    process.kill(-app.pid, "SIGTERM");
    await new Promise((resolve) => app!.once("exit", resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// What the database holds, and what a replica holds, in one shape

/** A supporter as a CRM keeps one: compared field by field between the database and a replica. */
type Supporter = {
  id: string;
  email: string;
  /** what the CRM may do with the address */
  email_status: "subscribed" | "unsubscribed";
  given_name: string | null;
  family_name: string | null;
  /** the consents the token may see, "scope" or "scope (withdrawn)", sorted */
  consents: string[];
  created_date: string;
  modified_date: string;
  action_date: string;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The confirmed, not erased signatures of the campaign as the database holds them (in the order
 * they were confirmed), for an owner (partner null) or a partner: only the supporters whose
 * consent to that partner is in force. The email status is the consent in the token's scope: the
 * campaign's for an owner, the partner's for a partner.
 */
async function databaseTruth(partner: string | null): Promise<Supporter[]> {
  const signatures = await sqlAt<{ id: string; email: string; fullName: string; confirmedAt: string; updatedAt: string; createdAt: string }>(
    databaseUrl,
    `SELECT s.id, s.email, s."fullName", s."confirmedAt", s."updatedAt", s."createdAt"
       FROM "Signature" s JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE c.slug = ? AND s.status = 'confirmed' AND s."erasedAt" IS NULL
      ORDER BY s."confirmedAt", s.id`,
    SLUG,
  );
  const consentRows = await sqlAt<{ signatureId: string; scope: string; withdrawnAt: string | null }>(
    databaseUrl,
    `SELECT k."signatureId", k.scope, k."withdrawnAt" FROM "Consent" k
       JOIN "Signature" s ON s.id = k."signatureId" JOIN "Campaign" c ON c.id = s."campaignId" WHERE c.slug = ?`,
    SLUG,
  );
  const scope = partner ? `partner:${partner}` : "campaign";
  const out: Supporter[] = [];
  for (const s of signatures) {
    const consents = consentRows.filter((k) => k.signatureId === s.id && (partner === null || k.scope === scope));
    const inForce = consents.some((k) => k.scope === scope && k.withdrawnAt === null);
    if (partner && !inForce) continue;
    const space = s.fullName.indexOf(" ");
    out.push({
      id: s.id,
      email: s.email,
      email_status: inForce ? "subscribed" : "unsubscribed",
      given_name: space < 0 ? s.fullName : s.fullName.slice(0, space),
      family_name: space < 0 ? null : s.fullName.slice(space + 1),
      consents: consents.map((k) => (k.withdrawnAt ? `${k.scope} (withdrawn)` : k.scope)).sort(),
      created_date: s.confirmedAt,
      modified_date: s.updatedAt,
      action_date: s.createdAt,
    });
  }
  return out;
}

/** The same fields read from OSDI records (a replica's or a listing's). */
async function asSupporters(client: OsdiClient, records: Iterable<Resource>): Promise<Supporter[]> {
  const ns = await client.namespace();
  const out: Supporter[] = [];
  for (const record of records) {
    const person = client.embedded(record, PERSON)[0] ?? {};
    const addresses = (person.email_addresses ?? []) as { address: string; primary?: boolean; status?: string }[];
    const primary = addresses.find((a) => a.primary) ?? addresses[0];
    const consents = (record[`${ns}:consents`] ?? []) as { scope: string; withdrawn_date: string | null }[];
    out.push({
      id: (await client.idOf(record)) ?? "(no identifier)",
      email: primary?.address ?? "(no address)",
      email_status: primary?.status as Supporter["email_status"],
      given_name: (person.given_name ?? null) as string | null,
      family_name: (person.family_name ?? null) as string | null,
      consents: consents.map((c) => (c.withdrawn_date ? `${c.scope} (withdrawn)` : c.scope)).sort(),
      created_date: record.created_date as string,
      modified_date: record.modified_date as string,
      action_date: record.action_date as string,
    });
  }
  return out.sort(byId);
}

/** Every signature ever confirmed (and, for a partner, that ever had its consent) modified after `time`: what a sync from `time` must hear of. */
async function changedSince(time: string, partner: string | null): Promise<string[]> {
  const rows = await sqlAt<{ id: string; updatedAt: string }>(
    databaseUrl,
    `SELECT s.id, s."updatedAt" FROM "Signature" s JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE c.slug = ? AND s."confirmedAt" IS NOT NULL
      ${partner ? `AND EXISTS (SELECT 1 FROM "Consent" k WHERE k."signatureId" = s.id AND k.scope = ?)` : ""}`,
    ...(partner ? [SLUG, `partner:${partner}`] : [SLUG]),
  );
  return rows.filter((r) => Date.parse(r.updatedAt) > Date.parse(time)).map((r) => r.id).sort();
}

// ---------------------------------------------------------------------------------------------
// Full syncs

const replicas: { owner: Replica; partner: Replica } = { owner: newReplica(), partner: newReplica() };
const clients: { owner?: OsdiClient; partner?: OsdiClient } = {};
let signaturesUrl = "";

/**
 * From the AEP to the campaign's signatures, then every page by number and by next links at
 * each `perPages`, each equal to the database; finally the first sync of `replica`.
 */
async function fullSyncs(client: OsdiClient, partner: string | null, perPages: number[], replica: Replica): Promise<void> {
  const ns = await client.namespace();
  expect(ns).toBe("speakout");
  const petition = await client.petition(`${ns}:${SLUG}`);
  const url = client.signaturesUrl(petition);
  signaturesUrl = url;
  const truth = await databaseTruth(partner);
  const truthIds = truth.map((s) => s.id);
  expect(truth.length).toBeGreaterThan(Math.max(...perPages));

  for (const perPage of perPages) {
    const byNumber = await client.collectByPageNumber(url, SIGNATURES, { perPage });
    const byNext = await client.collectByNextLinks(url, SIGNATURES, { perPage });
    for (const [how, traversal] of [["page numbers", byNumber], ["next links", byNext]] as const) {
      const what = `per_page=${perPage} by ${how}`;
      expect(traversal.pages.length, what).toBe(Math.ceil(truth.length / perPage));
      expect(traversal.pages.map((p) => p.totalRecords), what).toEqual(traversal.pages.map(() => truth.length));
      expect(traversal.pages.at(-1)!.ids.length, what).toBe(truth.length - (traversal.pages.length - 1) * perPage);
      expect(traversal.pages.at(-1)!.next, what).toBeNull();
      // In the order they were confirmed, every one once, exactly as the database has them.
      expect(traversal.pages.flatMap((p) => p.ids), what).toEqual(truthIds);
      expect(await asSupporters(client, traversal.items), what).toEqual([...truth].sort(byId));
    }
  }
  expect(client.violations).toEqual([]);

  const first = await client.sync(replica, url, SIGNATURES, { perPage: 7, isDeletion: (r) => withoutPersonalData(r, PERSON, client) });
  expect(first.filter).toBeNull();
  expect(first.deleted).toEqual([]);
  expect(await asSupporters(client, replica.records.values())).toEqual([...truth].sort(byId));
  expect(replica.syncedTo).toBe(truth.map((s) => s.modified_date).sort().at(-1));
  expect(client.violations).toEqual([]);
}

test("an owner token: from the AEP, every page by number and by next links, and a first sync, equal the database's confirmed signatures exactly", async () => {
  const client = new OsdiClient(AEP, { token: ownerToken, header: "OSDI-API-Token" });
  clients.owner = client;
  const truth = await databaseTruth(null);
  // The seeded mix: 60 confirmed (the 4 unconfirmed never listed), half with the campaign's consent.
  expect(truth.map((s) => s.id).sort()).toEqual([...ids].sort());
  expect(truth.filter((s) => s.email_status === "subscribed")).toHaveLength(30);
  // 7 a page: a partial last page (60 = 8 × 7 + 4); 12 a page: a full last page, which has no next link.
  await fullSyncs(client, null, [7, 12], replicas.owner);
  expect(replicas.owner.records.size).toBe(CONFIRMED);
});

test("a partner token (Human Rights Watch): exactly the supporters who consented to that partner, subscribed by that consent", async () => {
  const client = new OsdiClient(AEP, { token: partnerToken, header: "Authorization" });
  clients.partner = client;
  const truth = await databaseTruth(PARTNER);
  // Every third signer ticked Human Rights Watch; half of those did not ask for campaign updates,
  // and are subscribed here all the same: the partner's consent decides.
  expect(truth.map((s) => s.id).sort()).toEqual(ids.filter((_, i) => i % 3 === 0).sort());
  expect(truth.every((s) => s.email_status === "subscribed" && s.consents.join() === `partner:${PARTNER}`)).toBe(true);
  // 7 a page: 20 = 2 × 7 + 6; 5 a page: a full last page.
  await fullSyncs(client, PARTNER, [7, 5], replicas.partner);
  expect(replicas.partner.records.size).toBe(20);
});

// ---------------------------------------------------------------------------------------------
// Changes, then incremental syncs

let ownerSession: Awaited<ReturnType<BrowserContext["storageState"]>> | null = null;

/** A page signed in to this app's admin as its owner (through the mailed link the first time). */
async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(ownerSession ? { storageState: ownerSession } : {});
  const page = await context.newPage();
  if (!ownerSession) {
    await page.goto(`${BASE}/admin/sign-in`);
    await page.getByLabel("Email address").fill(OWNER);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    const mail = await waitForMail(OWNER, { subjectIncludes: "sign-in link" });
    await page.goto(extractLink(mail, "/admin/sign-in/verify"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    ownerSession = await context.storageState();
  }
  return page;
}

/** The signer withdraws with the link in the newest email they got, and its button. */
async function withdrawByLink(page: Page, email: string): Promise<void> {
  const mail = await confirmMail(email);
  await page.goto(extractLink(mail, "/withdraw/"));
  await page.getByRole("button", { name: "Withdraw my signature" }).click();
  await expect(page.getByTestId("withdraw-result")).toHaveText("Your signature has been withdrawn. It is no longer counted.");
}

async function status(id: string): Promise<string> {
  const [row] = await sqlAt<{ status: string; erasedAt: string | null }>(databaseUrl, `SELECT status, "erasedAt" FROM "Signature" WHERE id = ?`, id);
  return row.erasedAt ? "erased" : row.status;
}

test("after people and the owner change things in the app, an incremental sync with filter brings both replicas back to the database exactly", async ({ browser }) => {
  const owner = clients.owner!;
  const partner = clients.partner!;
  const syncedTo = { owner: replicas.owner.syncedTo!, partner: replicas.partner.syncedTo! };
  const signer = await (await browser.newContext()).newPage();

  // Withdrawn, then signed again without Human Rights Watch and confirmed: back for the owner, a
  // consent withdrawn for the partner. Seeded 9 had ticked it, and not campaign updates.
  await withdrawByLink(signer, seeded[9].email);
  await signByForm(`${BASE}/c/${SLUG}`, { name: "Renamed Nine", email: seeded[9].email, campaignUpdates: true });
  await confirmByLink(extractLink(await confirmMail(seeded[9].email, 2), "/confirm/"));
  // Withdrawn, then signed again with Human Rights Watch ticked this time: new to the partner.
  await withdrawByLink(signer, seeded[10].email);
  await signByForm(`${BASE}/c/${SLUG}`, { name: seeded[10].name, email: seeded[10].email, campaignUpdates: true, partners: [PARTNER] });
  await confirmByLink(extractLink(await confirmMail(seeded[10].email, 2), "/confirm/"));
  // Someone who signed before the first sync confirms only now.
  await confirmByLink(extractLink(await confirmMail(unconfirmed[0].email), "/confirm/"));
  // A new signer, in a browser, with campaign updates and Human Rights Watch ticked.
  const newcomer = { name: "Nur Newcomer", email: `osdi.new.${run}@example.org`, partners: ["Human Rights Watch"] };
  await signer.goto(`${BASE}/c/${SLUG}`);
  await fillSignForm(signer, newcomer);
  await signer.getByLabel("Keep me informed about this campaign by email").check();
  await submitSignForm(signer);
  await expect(signer.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await signer.goto(extractLink(await confirmMail(newcomer.email), "/confirm/"));
  await signer.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(signer.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);

  // A signer withdraws with the link in their email (seeded 3: Human Rights Watch, no campaign updates).
  await withdrawByLink(signer, seeded[3].email);
  await signer.context().close();

  const admin = await ownerPage(browser);
  // The owner withdraws one at the signer's request (seeded 4: campaign updates, no partner).
  await admin.goto(`${BASE}/admin/signatures/${ids[4]}`);
  await admin.locator("summary").filter({ hasText: "Withdraw at the signer's request" }).click();
  await admin.getByRole("button", { name: "Yes, withdraw this signature" }).click();
  await expect(admin.getByText("The signature is withdrawn. It no longer counts.")).toBeVisible();
  // The owner invalidates a spam wave by its domain (seeded 50–52; 51 ticked Human Rights Watch).
  await admin.goto(`${BASE}/admin/signatures/invalidate`);
  await admin.getByLabel("Email domain (exact, for example spam.example)").fill(SPAM_DOMAIN);
  await admin.getByRole("button", { name: "Show how many would be invalidated" }).click();
  await expect(admin.getByTestId("invalidate-preview")).toHaveText("3 signatures match: 3 confirmed, 0 waiting for confirmation.");
  await admin.getByLabel(/^Reason/).fill("conformance spam wave");
  await admin.getByRole("button", { name: "Invalidate 3 signatures" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "3 signatures invalidated." })).toBeVisible();
  // The owner erases a person (seeded 6: campaign updates and Human Rights Watch).
  await admin.goto(`${BASE}/admin/signatures/${ids[6]}`);
  await admin.getByLabel("I understand that this cannot be undone").check();
  await admin.getByRole("button", { name: "Erase this person" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Erased" })).toBeVisible();
  await admin.context().close();

  expect(await Promise.all([9, 10, 3, 4, 50, 6].map((i) => status(ids[i])))).toEqual([
    "confirmed",
    "confirmed",
    "withdrawn",
    "withdrawn",
    "invalidated",
    "erased",
  ]);

  const isDeletion = (client: OsdiClient) => (r: Resource) => withoutPersonalData(r, PERSON, client);
  for (const [who, client, replica, partnerSlug] of [
    ["owner", owner, replicas.owner, null],
    ["partner", partner, replicas.partner, PARTNER],
  ] as const) {
    const since = syncedTo[who];
    const result = await client.sync(replica, signaturesUrl, SIGNATURES, { perPage: 4, isDeletion: isDeletion(client) });
    expect(result.filter, who).toBe(`modified_date gt '${since}'`);
    // It heard of exactly what changed since the first sync: nothing older, nothing missed.
    expect([...result.upserted, ...result.deleted].sort(), who).toEqual(await changedSince(since, partnerSlug));
    // And the replica is the database again: the withdrawn, invalidated and erased are gone, the
    // new and the returning are there with their consents as they are now.
    expect(await asSupporters(client, replica.records.values()), who).toEqual((await databaseTruth(partnerSlug)).sort(byId));

    // The same changes by page number give the same records in the same order.
    const byNumber = await client.collectByPageNumber(signaturesUrl, SIGNATURES, { perPage: 4, filter: result.filter! });
    expect(byNumber.pages.flatMap((p) => p.ids), who).toEqual(result.pages.flatMap((p) => p.ids));

    // Deletions carry nothing about the person, only why.
    const ns = await client.namespace();
    for (const record of byNumber.items.filter(isDeletion(client))) {
      const person = client.embedded(record, PERSON)[0];
      expect(Object.keys(person ?? {}), who).toEqual(["identifiers"]);
      expect(JSON.stringify(record)).not.toMatch(/@|given_name|family_name/);
      expect(["withdrawn", "invalidated", "erased", "consent_withdrawn"], who).toContain(record[`${ns}:status`]);
    }

    // A second sync right after hears of nothing more.
    const again = await client.sync(replica, signaturesUrl, SIGNATURES, { perPage: 4, isDeletion: isDeletion(client) });
    expect([...again.upserted, ...again.deleted], who).toEqual([]);
    expect(client.violations, who).toEqual([]);
  }

  // What each side was told, by name.
  const ownerIds = new Set(replicas.owner.records.keys());
  expect([3, 4, 6, 50, 51, 52].filter((i) => ownerIds.has(ids[i]))).toEqual([]);
  expect([9, 10].every((i) => ownerIds.has(ids[i]))).toBe(true);
  const partnerIds = new Set(replicas.partner.records.keys());
  expect([3, 6, 9, 51].filter((i) => partnerIds.has(ids[i]))).toEqual([]);
  expect(partnerIds.has(ids[10])).toBe(true);
  const ninth = replicas.owner.records.get(ids[9])!;
  expect(await asSupporters(owner, [ninth])).toMatchObject([{ given_name: "Renamed", family_name: "Nine", email_status: "subscribed" }]);
});

test("a filter the API does not support is a 400 that says what is supported", async () => {
  const client = clients.owner!;
  for (const [filter, says] of [
    ["modified_date eq '2026-01-01'", /the operator "eq" is not supported; supported are/],
    ["email gt 'a'", /"email" cannot be filtered on; supported are/],
    ["modified_date gt 2026-01-01", /must be in single quotes/],
    ["modified_date gt '2026-01-01' or created_date gt '2026-01-01'", /"or" is not supported/],
  ] as const) {
    const url = new URL(signaturesUrl);
    url.searchParams.set("filter", filter);
    const response = await client.request(url.toString());
    expect(response.status, filter).toBe(400);
    expect(response.headers.get("content-type"), filter).toMatch(/json/);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error, filter).toBe("bad_request");
    expect(body.message, filter).toMatch(/^filter: /);
    expect(body.message, filter).toMatch(says);
  }
});

test("a signer who withdraws and signs again without confirming (yet) is gone from both replicas at the next sync", async ({ browser }) => {
  // renewSignature keeps the cleared confirmation (previouslyConfirmedAt), so the API sends the
  // pending renewal as a "withdrawn" tombstone until it is confirmed again.
  // Seeded 15: Human Rights Watch and Amnesty International ticked, no campaign updates.
  const signer = await (await browser.newContext()).newPage();
  await withdrawByLink(signer, seeded[15].email);
  await signer.context().close();
  await signByForm(`${BASE}/c/${SLUG}`, { name: seeded[15].name, email: seeded[15].email, campaignUpdates: true, partners: [PARTNER] });
  await confirmMail(seeded[15].email, 2);
  expect(await status(ids[15])).toBe("pending");

  for (const [who, client, replica, partnerSlug] of [
    ["owner", clients.owner!, replicas.owner, null],
    ["partner", clients.partner!, replicas.partner, PARTNER],
  ] as const) {
    await client.sync(replica, signaturesUrl, SIGNATURES, { perPage: 4, isDeletion: (r) => withoutPersonalData(r, PERSON, client) });
    expect(client.violations, who).toEqual([]);
    expect(replica.records.has(ids[15]), `${who}: the withdrawn signer is still in the replica`).toBe(false);
    expect(await asSupporters(client, replica.records.values()), who).toEqual((await databaseTruth(partnerSlug)).sort(byId));
  }
});
