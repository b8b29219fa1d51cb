import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { fillSignForm, submitSignForm, type Signer } from "./campaign";
import { sqlValue } from "./db";
import { extractLink, mailsTo, waitForMail } from "./mail";

// Signing in to the admin the way an organiser does: the form, the email, the button. Owners are
// listed in ADMIN_EMAILS by playwright.config.ts; partner admins are invited by an owner first.

export const OWNER_EMAIL = "owner@example.org";
export const SIGN_IN_SUBJECT = "Your sign-in link for the campaign admin";

/** Fills and sends the sign-in form for an address. */
export async function requestSignInLink(page: Page, email: string): Promise<void> {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** The whole magic-link flow in `page`: ends on the admin's first page, signed in. */
export async function signInThroughMail(page: Page, email: string): Promise<void> {
  const before = (await mailsTo(email)).filter((m) => m.subject === SIGN_IN_SUBJECT).length;
  await requestSignInLink(page, email);
  const mail = await waitForMail(email, { count: before + 1, subjectIncludes: SIGN_IN_SUBJECT });
  await page.goto(extractLink(mail, "/admin/sign-in/verify"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

// One signed-in browser state per address and worker: each sign-in costs a mail, and mail to one
// address is capped per hour.
const states = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/** A new browser context signed in as `email` (through the real flow the first time). */
export async function adminContext(browser: Browser, email: string = OWNER_EMAIL): Promise<BrowserContext> {
  const saved = states.get(email);
  if (saved) {
    const context = await browser.newContext({ storageState: saved });
    const page = await context.newPage();
    await page.goto("/admin");
    const stillIn = await page.getByRole("button", { name: "Sign out" }).isVisible();
    await page.close();
    if (stillIn) return context;
    await context.close();
    states.delete(email);
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughMail(page, email);
  await page.close();
  states.set(email, await context.storageState());
  return context;
}

/** A page signed in as `email`, in its own context (close it with page.context().close()). */
export async function adminPage(browser: Browser, email: string = OWNER_EMAIL): Promise<Page> {
  const context = await adminContext(browser, email);
  return context.newPage();
}

/** Invites a partner admin as an owner (idempotent for the run), then signs them in. */
export async function partnerAdminPage(browser: Browser, email: string, partnerName: string): Promise<Page> {
  if (!states.has(email)) {
    const owner = await adminPage(browser);
    await owner.goto("/admin/admins");
    const row = owner.getByRole("row").filter({ hasText: email });
    if ((await row.count()) === 0) {
      await owner.getByLabel("Email address").fill(email);
      await owner.getByLabel("Partner organisation").selectOption({ label: partnerName });
      await owner.getByRole("button", { name: "Invite" }).click();
      await expect(owner.getByRole("status").filter({ hasText: "Invitation sent." })).toBeVisible();
      await expect(owner.getByRole("row").filter({ hasText: email })).toBeVisible();
    }
    await owner.context().close();
  }
  return adminPage(browser, email);
}

/** Signs the default campaign through the real form and, unless told not to, confirms by the emailed link. */
export async function signThroughForm(
  page: Page,
  signer: Signer,
  options: { confirm?: boolean } = {},
): Promise<void> {
  await page.goto("/");
  await fillSignForm(page, signer);
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  if (options.confirm === false) return;
  const mail = await waitForMail(signer.email, { subjectIncludes: "confirm" });
  await page.goto(extractLink(mail, "/confirm/"));
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
}

/** Reads one value (a count, an id) from the run's database. */
export async function dbValue<T = number>(text: string, ...params: unknown[]): Promise<T> {
  return sqlValue<T>(text, ...params);
}
