import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { sql, sqlRow, sqlValue } from "./db";

export const DEFAULT_SLUG = "guterres-xinjiang";
export const CLOSED_SLUG = "closed-test-campaign";

let counter = 0;
/** An address no other test uses, so tests never see each other's mail. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.org`;
}

export type Signer = {
  name: string;
  email: string;
  country?: string;
  comment?: string;
  showName?: boolean;
  /** coalition partners (by name) whose "Keep me informed by" box is ticked */
  partners?: string[];
};

/** Fills the sign form the way a person does: by its visible labels. */
export async function fillSignForm(page: Page, signer: Signer): Promise<void> {
  await page.getByLabel("Full name").fill(signer.name);
  await page.getByLabel("Email address").fill(signer.email);
  await page.getByLabel("Country").selectOption(signer.country ?? "FR");
  if (signer.comment) await page.getByLabel(/Why I signed/).fill(signer.comment);
  if (signer.showName) await page.getByLabel(/Show my first name/).check();
  if (signer.partners?.length) await openPartnerGroup(page);
  for (const partner of signer.partners ?? []) await page.getByLabel(`Keep me informed by ${partner}`, { exact: true }).check();
}

/** Opens the folded "Keep me informed by the coalition" group of the campaign page (ADR 057), if it is closed. */
export async function openPartnerGroup(page: Page): Promise<void> {
  const group = page.locator("details.partner-group");
  if ((await group.count()) === 0) return;
  if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await group.locator("summary").click();
}

export async function submitSignForm(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Sign/ }).click();
}

export async function apiCount(request: APIRequestContext, slug = DEFAULT_SLUG): Promise<number> {
  const response = await request.get(`/api/v1/campaigns/${slug}`);
  expect(response.status()).toBe(200);
  return (await response.json()).signatureCount as number;
}

/** The count the campaign page shows, read from the rendered page. */
export async function pageCount(page: Page, path = `/c/${DEFAULT_SLUG}`): Promise<number> {
  await page.goto(path);
  const text = await page.getByTestId("signature-count").getAttribute("data-count");
  return Number(text);
}

export async function signaturesFor(email: string): Promise<{ status: string; fullName: string }[]> {
  return sql('SELECT status, "fullName" FROM "Signature" WHERE lower(email) = lower(?)', email);
}

/** How many rows the tables that signing writes hold (specs run one at a time, so a change is theirs). */
export async function rowCounts(): Promise<{ signatures: number; consents: number; tokens: number; outbox: number }> {
  const count = (table: string) => sqlValue(`SELECT count(*) AS n FROM "${table}"`);
  return { signatures: await count("Signature"), consents: await count("Consent"), tokens: await count("ConfirmationToken"), outbox: await count("OutboxMessage") };
}

export async function outboxRowsFor(email: string): Promise<{ status: string; attempts: number; lastError: string | null }[]> {
  return sql('SELECT status, attempts, "lastError" FROM "OutboxMessage" WHERE lower("toAddress") = lower(?) ORDER BY "createdAt"', email);
}

export type Attribution = {
  source: string;
  refCode: string | null;
  referredById: string | null;
  partnerSlug: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrerHost: string | null;
  referralCode: string | null;
  id: string;
};

/** The attribution columns of the signature made with an address. */
export async function attributionFor(email: string): Promise<Attribution> {
  const row = await sqlRow<Attribution>(
    `SELECT s.id, s.source, s."refCode", s."referredById", p.slug AS "partnerSlug", s."utmSource", s."utmMedium", s."utmCampaign",
            s."referrerHost", s."referralCode"
       FROM "Signature" s LEFT JOIN "Partner" p ON p.id = s."partnerId" WHERE lower(s.email) = lower(?)`,
    email,
  );
  if (!row) throw new Error(`no signature for ${email}`);
  return row;
}

/** Consent rows of a signature; givenAt as an ISO 8601 string. */
export async function consentsFor(email: string): Promise<{ scope: string; wording: string; locale: string; givenAt: string }[]> {
  return sql(
    `SELECT c.scope, c.wording, c.locale, c."givenAt" FROM "Consent" c JOIN "Signature" s ON s.id = c."signatureId"
      WHERE lower(s.email) = lower(?) ORDER BY c.scope`,
    email,
  );
}
