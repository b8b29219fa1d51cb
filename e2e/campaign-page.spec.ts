import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { CLOSED_SLUG, DEFAULT_SLUG, fillSignForm, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, waitForMail } from "./support/mail";

// The campaign page redesigned mobile-first, its thank-you states and its accessibility
// (issue 10, items 1, 2 and 5; docs/decisions/057-campaign-page-redesign.md).

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const PAGE = `/c/${DEFAULT_SLUG}`;

/** axe with every rule, best practices included: none is disabled. */
const axeAll = (page: Page) => new AxeBuilder({ page });

async function expectNoAxeFindings(page: Page, state: string) {
  const { violations } = await axeAll(page).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe findings on ${state}`,
  ).toEqual([]);
}

async function phonePage(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
  return { context, page: await context.newPage() };
}

/** Where the form sits on a phone: the figures the closing note reports. */
async function layoutFigures(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const field = box("#fullName");
    const count = box('[data-testid="signature-count"]');
    const button = box('#sign button[type="submit"]');
    return {
      pageHeight: document.documentElement.scrollHeight,
      countBottom: Math.round(count.bottom + window.scrollY),
      firstFieldTop: Math.round(field.top + window.scrollY),
      firstFieldBottom: Math.round(field.bottom + window.scrollY),
      signButtonTop: Math.round(button.top + window.scrollY),
    };
  });
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function signUp(page: Page, signer: { name: string; email: string; showName?: boolean }) {
  await page.goto(PAGE);
  await fillSignForm(page, signer);
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const mail = await waitForMail(signer.email);
  return { confirmUrl: extractLink(mail.text, "/confirm/"), statsUrl: extractLink(mail.text, "/referrals/") };
}

test.describe("the campaign page on a phone (390×844)", () => {
  test("the count and the first field are fully on the first screen, the Sign button within the next one; screenshots at both sizes", async ({ browser }, testInfo) => {
    const { context, page } = await phonePage(browser);
    await page.goto(PAGE);
    const figures = await layoutFigures(page);
    await testInfo.attach("layout-390x844.json", { body: JSON.stringify(figures, null, 2), contentType: "application/json" });
    console.log(`[campaign-page] 390x844 layout: ${JSON.stringify(figures)}`);
    expect(figures.countBottom).toBeLessThanOrEqual(PHONE.height);
    expect(figures.firstFieldTop).toBeGreaterThanOrEqual(0);
    expect(figures.firstFieldBottom).toBeLessThanOrEqual(PHONE.height);
    expect(figures.signButtonTop).toBeLessThan(2 * PHONE.height);
    await attachScreenshot(page, testInfo, "campaign-390x844");

    const desktop = await browser.newPage({ viewport: DESKTOP });
    await desktop.goto(PAGE);
    await expect(desktop.getByLabel("Full name")).toBeInViewport({ ratio: 1 });
    await attachScreenshot(desktop, testInfo, "campaign-1280x800");
    await desktop.close();
    await context.close();
  });

  test("a trust band above the title names the five organisations and the letter's date; each demand is stated once and the letter is folded", async ({ browser }) => {
    const { context, page } = await phonePage(browser);
    await page.goto(PAGE);
    const band = page.getByTestId("trust-band");
    for (const name of ["Amnesty International", "Human Rights Watch", "International Commission of Jurists", "International Federation for Human Rights", "World Uyghur Congress"]) {
      await expect(band).toContainText(name);
    }
    await expect(band).toContainText("Joint letter · 16 September 2019");
    // The letter as the organisations published it, from the campaign's content (letterUrl).
    const published = page.getByRole("link", { name: "Read the published letter" });
    await expect(published).toHaveAttribute("href", "https://www.hrw.org/news/2019/09/17/joint-letter-un-secretary-general-human-rights-violations-xinjiang");
    expect(await band.getByRole("link").count()).toBe(1);
    const bandBox = (await band.boundingBox())!;
    const titleBox = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
    expect(bandBox.y + bandBox.height).toBeLessThanOrEqual(titleBox.y);

    // The letter is behind a disclosure that works without JavaScript; its demands are not shown twice.
    const letter = page.locator("details#full-letter");
    await expect(letter.locator("summary")).toHaveText("Read the full letter");
    await expect(letter).not.toHaveAttribute("open", /.*/);
    await expect(page.getByText(/refrain from praising China's "Belt and Road"/)).toBeHidden();
    await expect(page.getByText(/Refrain from unqualified praise/)).toBeVisible();
    await letter.locator("summary").click();
    await expect(page.getByText(/refrain from praising China's "Belt and Road"/)).toBeVisible();

    // The quote under the title no longer repeats it.
    await expect(page.getByText("Secretary-General, speak out publicly against the persecution of Muslims in Xinjiang.")).toHaveCount(0);
    await context.close();
  });

  test("a sticky Sign link jumps to the form once the text below it is being read", async ({ browser }) => {
    const { context, page } = await phonePage(browser);
    await page.goto(PAGE);
    const sticky = page.locator(".sticky-sign a");
    await expect(sticky).toHaveAttribute("href", "#sign");
    await expect(sticky).not.toBeInViewport();
    await page.getByRole("heading", { name: "Why it matters" }).scrollIntoViewIfNeeded();
    await expect(sticky).toBeInViewport();
    await sticky.click();
    await expect(page.getByRole("heading", { name: "Add your name" })).toBeInViewport();
    await context.close();
  });

  test("keyboard only: focus follows the visual order, from the skip link through the form, and Enter signs", async ({ browser }) => {
    const { context, page } = await phonePage(browser);
    await page.goto(PAGE);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { id: el.id, tag: el.tagName, text: (el.textContent ?? "").trim().slice(0, 40), top: box.top + window.scrollY };
      });
    await page.keyboard.press("Tab");
    expect(await focused()).toMatchObject({ text: "Skip to main content" });
    // Every Tab moves down the page (or stays on the same line): DOM order is the visual order.
    const order: { id: string; tag: string; text: string; top: number }[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press("Tab");
      const now = await focused();
      order.push(now);
      if (now.tag === "BUTTON") break;
    }
    for (let i = 1; i < order.length; i++) expect(order[i].top, JSON.stringify(order)).toBeGreaterThanOrEqual(order[i - 1].top - 1);
    // The link to the language switcher is at the top, then the trust band's link to the published
    // letter sits above the title.
    expect(order[0]).toMatchObject({ tag: "A", text: "Language" });
    expect(order[1]).toMatchObject({ tag: "A", text: "Read the published letter" });
    expect(order.map((f) => f.id).slice(2, 5)).toEqual(["fullName", "email", "country"]);
    expect(order[order.length - 1].tag).toBe("BUTTON");

    // Now sign with the keyboard alone.
    const email = uniqueEmail("keyboard");
    await page.getByLabel("Full name").focus();
    await page.keyboard.type("Keyboard Signer");
    await page.keyboard.press("Tab");
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type("France");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab"); // past the comment
    await page.keyboard.press("Space"); // show my name
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // opens the coalition group
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // the first partner
    await expect(page.getByLabel("Keep me informed by Amnesty International")).toBeChecked();
    await page.getByRole("button", { name: /^Sign/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await context.close();
  });

  test("the progress bar always shows some fill, and says how many more are needed", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto(PAGE);
    const bar = page.getByTestId("progress-bar");
    expect((await bar.boundingBox())!.width).toBeGreaterThanOrEqual(8);
    const count = Number(await page.getByTestId("signature-count").getAttribute("data-count"));
    const goal = Number(await page.getByRole("progressbar").getAttribute("aria-valuemax"));
    await expect(page.getByTestId("counter-more")).toHaveText(`${(goal - count).toLocaleString("en")} more to reach ${goal.toLocaleString("en")}`);
  });

  test("before signing, the share texts ask others to sign and claim nothing", async ({ page }) => {
    await page.goto(PAGE);
    const whatsapp = await page.locator('[data-channel="whatsapp"]').getAttribute("href");
    const text = new URL(whatsapp!).searchParams.get("text")!;
    expect(text).toMatch(/^Will you add your name to "Secretary-General, speak out on Xinjiang"\?/);
    const mail = new URL((await page.locator('[data-channel="email"]').getAttribute("href"))!);
    expect(mail.searchParams.get("body")).not.toContain("I have just signed");
    for (const channel of ["whatsapp", "telegram", "x", "bluesky", "email"]) {
      expect(decodeURIComponent((await page.locator(`[data-channel="${channel}"]`).getAttribute("href"))!)).not.toContain("I signed");
    }
  });

  test("the Copy link button stays readable on hover", async ({ page }) => {
    await page.goto(PAGE);
    const copy = page.getByRole("button", { name: "Copy link" });
    await copy.hover();
    const { color, background } = await copy.evaluate((el) => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }));
    expect(color).not.toBe(background);
    expect(background).not.toBe("rgb(7, 42, 68)"); // navy text on darker navy: the old hover
  });
});

test.describe("thank-you states", () => {
  test("check-email shows the address to the browser that signed, never in the URL, says what to do, and prompts to share; confirming thanks the signer by name with the count", async ({ browser }) => {
    const { context, page } = await phonePage(browser);
    const email = uniqueEmail("thanks");
    const { confirmUrl } = await signUp(page, { name: "Gulnar Thankful", email });
    expect(page.url()).not.toContain(encodeURIComponent(email));
    expect(page.url()).not.toContain(email);
    await expect(page.getByTestId("sent-to-address")).toHaveText(email);
    await expect(page.getByRole("heading", { name: "Nothing arrived?" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "While you wait, ask others to sign" })).toBeVisible();
    const whatsapp = new URL((await page.locator('[data-channel="whatsapp"]').getAttribute("href"))!).searchParams.get("text")!;
    expect(whatsapp).toMatch(/^Will you add your name/);
    await expectNoAxeFindings(page, "check-email");

    // Another browser opening the same page learns nothing of the address.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId("sent-to")).toHaveText("We sent it to the address you gave.");
    await otherContext.close();

    await page.goto(confirmUrl);
    await expectNoAxeFindings(page, "confirm (pending)");
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Gulnar — your signature is counted");
    await expect(page.getByTestId("signature-count")).toBeVisible();
    for (const network of ["WhatsApp", "Telegram", "X", "Facebook", "Bluesky", "LinkedIn"]) {
      const link = page.getByRole("link", { name: `Share on ${network}` });
      await expect(link).toBeVisible();
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await expectNoAxeFindings(page, "confirm (confirmed)");
    await context.close();
  });
});

test.describe("recent signers", () => {
  test("say when each signed with <time datetime>: an absolute date from the (cached) server, made relative in the browser", async ({ page, request }) => {
    const email = uniqueEmail("recent-time");
    const { confirmUrl } = await signUp(page, { name: "Timed Recentsigner", email, showName: true });
    await page.goto(confirmUrl);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, Timed — your signature is counted");

    // The cached page catches up within seconds.
    const entry = page.getByTestId("recent-signers").locator("li").filter({ hasText: "Timed R." });
    await expect
      .poll(
        async () => {
          await page.goto(PAGE);
          return entry.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const time = entry.locator("time");
    const datetime = (await time.getAttribute("datetime"))!;
    expect(Math.abs(Date.now() - Date.parse(datetime))).toBeLessThan(5 * 60_000);
    await expect(time).toHaveText(/^signed (now|this minute|\d+ minutes? ago|\d+ seconds? ago)$/);

    // The HTML itself never says "ago": a cached copy may be served long after it was made.
    const html = await (await request.get(PAGE)).text();
    expect(html).toMatch(/<time dateTime="[^"]+">signed on \d{1,2} [A-Z][a-z]+ \d{4}<\/time>/i);
    expect(html).not.toMatch(/<time[^>]*>signed [^<]*ago</);
  });
});

test.describe("accessibility", () => {
  test("without JavaScript an error reload puts 'Error:' in the title and focus on a summary whose entries link to the fields", async ({ browser }) => {
    const { context, page } = await phonePage(browser, false);
    await page.goto(PAGE);
    await expect(page).toHaveTitle(/^Secretary-General/);
    await page.getByLabel("Email address").fill("not-an-address");
    await submitSignForm(page);
    await expect(page).toHaveTitle(/^Error: /);
    const summary = page.getByTestId("error-summary");
    await expect(summary).toHaveAttribute("role", "alert");
    await expect(summary).toBeFocused();
    const links = summary.getByRole("link");
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#fullName", "#email", "#country"]);
    await expect(links.first()).toHaveText("Enter your full name.");

    // axe needs JavaScript: it checks this very HTML (its scripts removed) served from the app's origin.
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, "");
    const checker = await browser.newContext({ viewport: PHONE });
    const snapshot = await checker.newPage();
    const url = `${process.env.E2E_APP_URL}/no-js-error-snapshot`;
    await snapshot.route(url, (route) => route.fulfill({ body: html, contentType: "text/html" }));
    await snapshot.goto(url);
    await expect(snapshot.getByTestId("error-summary")).toBeVisible();
    await expectNoAxeFindings(snapshot, "the form with errors, without JavaScript");
    await checker.close();
    await context.close();
  });

  test("the skip link targets main, which every public page has", async ({ page }) => {
    for (const path of ["/", PAGE, "/privacy", `/c/${CLOSED_SLUG}`, "/no-such-page"]) {
      await page.goto(path);
      await expect(page.locator(".skip-link")).toHaveAttribute("href", "#main");
      await expect(page.locator("main#main")).toHaveCount(1);
    }
  });

  for (const viewport of [PHONE, DESKTOP]) {
    test(`axe with every rule finds nothing on every public page, in every state (${viewport.width}×${viewport.height})`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const path of ["/", PAGE, `/c/${CLOSED_SLUG}`, "/privacy", `/c/${DEFAULT_SLUG}/privacy`, "/no-such-page", "/confirm/not-a-token", "/unavailable"]) {
        await page.goto(path);
        await expectNoAxeFindings(page, `${path} at ${viewport.width}px`);
      }
      // The open letter and the open coalition group.
      await page.goto(PAGE);
      await page.locator("details#full-letter summary").click();
      await page.locator("details.partner-group summary").click();
      await expectNoAxeFindings(page, `${PAGE} with the letter and the coalition group open at ${viewport.width}px`);
      // Errors with JavaScript.
      await page.getByRole("button", { name: /^Sign/ }).click();
      await expect(page.getByTestId("error-summary")).toBeVisible();
      await expectNoAxeFindings(page, `${PAGE} with errors at ${viewport.width}px`);
      await context.close();
    });
  }

  test("axe with every rule finds nothing on a signer's private referral page", async ({ browser }) => {
    // A signer's private referral page.
    const context = await browser.newContext();
    const page = await context.newPage();
    const { statsUrl } = await signUp(page, { name: "Axe Referrer", email: uniqueEmail("axe-all") });
    await page.goto(statsUrl);
    await expectNoAxeFindings(page, "the referral page");
    await context.close();
  });
});
