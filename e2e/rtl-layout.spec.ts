import fs from "node:fs";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { DEFAULT_SLUG } from "./support/campaign";

// Right-to-left pages (Arabic, Uyghur) mirror the layout: the stylesheets use logical properties
// only (tests/unit/logical-css.test.ts), and here a real browser shows the result. The locales are
// not there yet, so the English page is switched to dir="rtl" in the browser, as an Arabic page
// would be served (<html dir="rtl"> from textDirection()).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const PAGE = `/c/${DEFAULT_SLUG}`;
/** main's side padding (1rem) */
const GUTTER = 16;

async function openPage(browser: Browser, viewport: { width: number; height: number }, dir: "rtl" | "ltr") {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(PAGE);
  await expect(page.locator("#fullName")).toBeVisible();
  await page.evaluate((d) => {
    document.documentElement.dir = d;
  }, dir);
  return { context, page };
}

/** Where things are, in CSS pixels; for text, the rectangle of its first line (a Range's first client rect). */
async function figures(page: Page) {
  return page.evaluate(() => {
    const el = (selector: string) => {
      const found = document.querySelector(selector);
      if (!found) throw new Error(`no ${selector}`);
      return found;
    };
    const box = (selector: string) => {
      const r = el(selector).getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, width: r.width };
    };
    const firstLine = (selector: string) => {
      const range = document.createRange();
      range.selectNodeContents(el(selector));
      const r = range.getClientRects()[0];
      return { left: r.left, right: r.right };
    };
    const textBox = (selector: string) => {
      const range = document.createRange();
      range.selectNodeContents(el(selector));
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right };
    };
    const main = el("main");
    const style = getComputedStyle(main);
    const mainBox = main.getBoundingClientRect();
    return {
      viewport: window.innerWidth,
      scrollWidth: document.scrollingElement!.scrollWidth,
      contentLeft: mainBox.left + parseFloat(style.paddingLeft),
      contentRight: mainBox.right - parseFloat(style.paddingRight),
      header: box(".campaign-header"),
      action: box(".campaign-action"),
      body: box(".campaign-body"),
      orgs: [...document.querySelectorAll(".trust-orgs li")].map((li) => {
        const r = li.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top };
      }),
      trustLetter: textBox(".trust-letter"),
      title: firstLine(".campaign h1"),
      nameLabel: firstLine('label[for="fullName"]'),
      nameInput: box("#fullName"),
      showNameBox: box("#showName"),
      showNameLabel: firstLine('label[for="showName"]'),
      progress: box(".progress"),
      progressBar: box('[data-testid="progress-bar"]'),
      demandsHeading: firstLine("#demands-heading"),
    };
  });
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
  // A copy outside the per-test folder (which Playwright empties on the next run) to look at by eye.
  if (process.env.RTL_SCREENSHOT_DIR) {
    fs.mkdirSync(process.env.RTL_SCREENSHOT_DIR, { recursive: true });
    fs.copyFileSync(path, `${process.env.RTL_SCREENSHOT_DIR}/${name}.png`);
  }
}

test.describe("right-to-left layout", () => {
  test("on a phone, the trust band, the title, the labels and the checkboxes start at the right edge, the progress fills from the right, and nothing overflows sideways", async ({ browser }, testInfo) => {
    const { context, page } = await openPage(browser, PHONE, "rtl");
    await screenshot(page, testInfo, "rtl-phone");
    const f = await figures(page);
    expect(f.contentRight).toBeCloseTo(PHONE.width - GUTTER, 0);

    // The trust band reads from the right: the first organisation at the right edge, the next ones to its left.
    // (the band wraps on a phone: each line starts at the right edge too)
    expect(f.orgs.length).toBeGreaterThan(1);
    f.orgs.forEach((org, i) => {
      const previous = f.orgs[i - 1];
      if (i === 0 || org.top > previous.top + 1) expect(Math.abs(org.right - f.contentRight), `organisation ${i + 1} starts a line`).toBeLessThanOrEqual(1);
      else expect(org.right, `organisation ${i + 1} follows on the left`).toBeLessThan(previous.left + 1);
    });
    expect(Math.abs(f.trustLetter.right - f.contentRight)).toBeLessThanOrEqual(1);
    // Text starts on the right: the title's and a heading's first line end at the column's right edge.
    expect(Math.abs(f.title.right - f.contentRight)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.demandsHeading.right - f.contentRight)).toBeLessThanOrEqual(1);
    // The form column: each label starts at its field's right edge, a checkbox sits to the right of its label.
    expect(Math.abs(f.nameLabel.right - f.nameInput.right)).toBeLessThanOrEqual(1);
    expect(f.nameLabel.left).toBeGreaterThan(f.nameInput.left + f.nameInput.width / 2);
    expect(f.showNameBox.left).toBeGreaterThan(f.showNameLabel.right);
    // The progress bar grows from the right.
    expect(Math.abs(f.progressBar.right - f.progress.right)).toBeLessThanOrEqual(1);
    // Nothing is pushed past the left edge (a scroll bar), not even the off-screen honeypot.
    expect(f.scrollWidth).toBeLessThanOrEqual(f.viewport);
    await context.close();
  });

  test("on a phone, the same figures in LTR are the mirror image (the check above tells the directions apart)", async ({ browser }) => {
    const { context, page } = await openPage(browser, PHONE, "ltr");
    const f = await figures(page);
    expect(Math.abs(f.orgs[0].left - f.contentLeft)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.title.left - f.contentLeft)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.nameLabel.left - f.nameInput.left)).toBeLessThanOrEqual(1);
    expect(f.showNameBox.right).toBeLessThan(f.showNameLabel.left);
    expect(Math.abs(f.progressBar.left - f.progress.left)).toBeLessThanOrEqual(1);
    expect(f.scrollWidth).toBeLessThanOrEqual(f.viewport);
    await context.close();
  });

  test("on a wide screen, the text column is on the right and the form column on the left", async ({ browser }, testInfo) => {
    const { context, page } = await openPage(browser, DESKTOP, "rtl");
    const f = await figures(page);
    // main is .campaign, centred; its content box holds the two columns
    expect(Math.abs(f.header.right - f.contentRight)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.body.right - f.contentRight)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.action.left - f.contentLeft)).toBeLessThanOrEqual(1);
    expect(f.action.right).toBeLessThan(f.header.left);
    expect(Math.abs(f.title.right - f.header.right)).toBeLessThanOrEqual(1);
    expect(f.scrollWidth).toBeLessThanOrEqual(f.viewport);
    await screenshot(page, testInfo, "rtl-desktop");
    await context.close();
  });

  test("the skip link appears at the top right when it gets the focus", async ({ browser }, testInfo) => {
    const { context, page } = await openPage(browser, PHONE, "rtl");
    const skip = page.locator(".skip-link");
    await page.keyboard.press("Tab");
    await expect(skip).toBeFocused();
    const box = (await skip.boundingBox())!;
    // 0.5rem from the top and from the right
    expect(box.y).toBeCloseTo(8, 0);
    expect(Math.abs(box.x + box.width - (PHONE.width - 8))).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, testInfo, "rtl-phone-skip-link");
    await context.close();
  });
});
