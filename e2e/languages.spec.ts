import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { apiCount, DEFAULT_SLUG, signaturesFor, uniqueEmail } from "./support/campaign";
import { extractLink, waitForMail } from "./support/mail";

// Every language the campaign speaks (issue 11, docs/decisions/059-languages.md): pages in the
// locale with the right lang and dir, mail in the signer's language, the browser's language on /,
// a 404 for a locale we do not have, and axe on every public page in every locale.

const LOCALES = ["en", "fr", "es", "ru", "zh-Hans", "ar", "ug"] as const;
type Locale = (typeof LOCALES)[number];
const RTL = new Set<Locale>(["ar", "ug"]);

type Catalog = Record<string, Record<string, string>>;
const catalog = (locale: Locale): Catalog => JSON.parse(fs.readFileSync(path.join(process.cwd(), "content/messages", `${locale}.json`), "utf8")) as Catalog;
const copy = (locale: Locale): { title: string } => JSON.parse(fs.readFileSync(path.join(process.cwd(), "content/campaigns", DEFAULT_SLUG, "campaign.json"), "utf8")).locales[locale];

/** A locale's prefix: none for English. */
const prefix = (locale: Locale) => (locale === "en" ? "" : `/${locale}`);

async function expectLanguage(page: Page, locale: Locale): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await expect(page.locator("html")).toHaveAttribute("dir", RTL.has(locale) ? "rtl" : "ltr");
}

/** Fills the sign form by its visible labels, in the page's language. */
async function fillForm(page: Page, locale: Locale, name: string, email: string): Promise<void> {
  const t = catalog(locale).SignForm;
  await page.getByLabel(t.fullName, { exact: true }).fill(name);
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.country, { exact: true }).selectOption("FR");
}

/** Signs and confirms in a locale, checking each page and the email are in that language. */
async function signAndConfirm(page: Page, locale: Locale, name: string): Promise<void> {
  const t = catalog(locale);
  const title = copy(locale).title;
  const email = uniqueEmail(`lang-${locale}`);
  await page.goto(`${prefix(locale)}/c/${DEFAULT_SLUG}`);
  await expectLanguage(page, locale);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await fillForm(page, locale, name, email);
  await page.getByRole("button", { name: t.SignForm.submit }).click();
  await expect(page.getByRole("heading", { name: t.CheckEmail.title })).toBeVisible();
  await expectLanguage(page, locale);
  expect(new URL(page.url()).pathname).toBe(`${prefix(locale)}/c/${DEFAULT_SLUG}/check-email`);

  const mail = await waitForMail(email);
  expect(mail.subject).toBe(t.Email.confirmSubject.replace("{title}", title));
  expect(mail.html).toContain(`<html lang="${locale}" dir="${RTL.has(locale) ? "rtl" : "ltr"}">`);
  expect(mail.text).toContain(t.Email.confirmGreeting.replace("{name}", name));
  const link = extractLink(mail.text, `${prefix(locale)}/confirm/`);
  expect(new URL(link).pathname).toMatch(new RegExp(`^${prefix(locale)}/confirm/[A-Za-z0-9_-]{43}$`));

  await page.goto(link);
  await expectLanguage(page, locale);
  await page.getByRole("button", { name: t.Confirm.button }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Confirm.thanks.replace("{name}", name.split(" ")[0]));
  expect((await signaturesFor(email))[0].status).toBe("confirmed");
}

test.describe("languages", () => {
  test("sign and confirm in French: French pages, left to right, and a French email", async ({ page }) => {
    await signAndConfirm(page, "fr", "Camille Martin");
  });

  test("sign and confirm in Uyghur: Uyghur pages, right to left, and a Uyghur email", async ({ page }) => {
    await signAndConfirm(page, "ug", "ئايگۈل ئابدۇرېھىم");
  });

  test("sign and confirm in Arabic with JavaScript off", async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const before = await apiCount(request);
    await signAndConfirm(page, "ar", "ليلى حسن");
    await expect(page.getByTestId("signature-count")).toHaveAttribute("data-count", String(before + 1));
    await context.close();
  });

  test("Accept-Language: ar on / lands on the Arabic page, with the link's query kept; English stays at /en", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ar-EG", extraHTTPHeaders: { "Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5" } });
    const page = await context.newPage();
    await page.goto("/?ref=ABCDEFGH&utm_source=whatsapp");
    expect(new URL(page.url()).pathname).toBe("/ar");
    expect(new URL(page.url()).search).toBe("?ref=ABCDEFGH&utm_source=whatsapp");
    await expectLanguage(page, "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(copy("ar").title);
    // The switcher's English link is never sent back to Arabic.
    await page.locator("#languages").getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/en");
    await expectLanguage(page, "en");
    await context.close();
  });

  test("a locale we do not have gives a 404, and a translation links to the English original", async ({ page, request }) => {
    expect((await request.get(`/xx/c/${DEFAULT_SLUG}`)).status()).toBe(404);
    expect((await request.get("/de")).status()).toBe(404);
    await page.goto(`/ru/c/${DEFAULT_SLUG}`);
    const note = page.getByTestId("translation-note");
    await expect(note).toContainText(catalog("ru").Meta.translated);
    await note.getByRole("link").click();
    await expect(page).toHaveURL((url) => url.pathname === `/en/c/${DEFAULT_SLUG}`);
    await expect(page.getByTestId("translation-note")).toHaveCount(0);
  });

  test("the language switcher names each language in its own script and keeps the page", async ({ page }) => {
    await page.goto(`/c/${DEFAULT_SLUG}/privacy`);
    const switcher = page.locator("#languages");
    await expect(switcher.getByRole("link")).toHaveText(["English", "Français", "Español", "Русский", "简体中文", "العربية", "ئۇيغۇرچە"]);
    await switcher.getByRole("link", { name: "中文" }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/zh-Hans/c/${DEFAULT_SLUG}/privacy`);
    await expectLanguage(page, "zh-Hans");
    await expect(page.locator("#languages").getByRole("link", { name: "简体中文" })).toHaveAttribute("aria-current", "page");
  });

  test("keyboard only: signing in Arabic", async ({ page }) => {
    const t = catalog("ar").SignForm;
    await page.goto(`/ar/c/${DEFAULT_SLUG}`);
    await page.getByLabel(t.fullName, { exact: true }).focus();
    await page.keyboard.type("سلمى يوسف");
    await page.keyboard.press("Tab");
    await page.keyboard.type(uniqueEmail("keyboard-ar"));
    await page.keyboard.press("Tab");
    // The country list is in Arabic, sorted the Arabic way: arrow down to France (فرنسا).
    const country = page.getByLabel(t.country, { exact: true });
    await expect(country.locator('option[value="FR"]')).toHaveText("فرنسا");
    for (let i = 0; i < 260 && (await country.inputValue()) !== "FR"; i++) await page.keyboard.press("ArrowDown");
    await expect(country).toHaveValue("FR");
    await page.getByRole("button", { name: t.submit }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: catalog("ar").CheckEmail.title })).toBeVisible();
    await expectLanguage(page, "ar");
  });

  test("the embed speaks every locale, right to left in Uyghur", async ({ page }) => {
    for (const locale of LOCALES) {
      await page.goto(`${prefix(locale)}/embed/${DEFAULT_SLUG}?partner=fidh`);
      await expectLanguage(page, locale);
      await expect(page.getByRole("button", { name: catalog(locale).SignForm.submit })).toBeVisible();
    }
  });
});

// Every public page, in every locale: zero axe findings, with every rule.
const ROUTES = [
  "",
  `/c/${DEFAULT_SLUG}`,
  `/c/${DEFAULT_SLUG}/check-email`,
  "/privacy",
  `/c/${DEFAULT_SLUG}/privacy`,
  "/confirm/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "/withdraw/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "/no-such-page",
];

for (const locale of LOCALES) {
  test(`axe: every public page in ${locale} has no findings`, async ({ page }) => {
    test.setTimeout(120_000);
    for (const route of ROUTES) {
      await page.goto(`${prefix(locale)}${route}` || "/");
      await expectLanguage(page, locale);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${locale}${route}`).toEqual([]);
    }
    for (const route of [`/embed/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}/check-email`]) {
      await page.goto(`${prefix(locale)}${route}`);
      await expectLanguage(page, locale);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${locale}${route}`).toEqual([]);
    }
  });
}
