import { expect, test, type Page } from "@playwright/test";
import { adminPage, dbValue, partnerAdminPage, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, uniqueEmail } from "./support/campaign";
import { sql } from "./support/db";

// The campaign dashboard shows organisers the same numbers the database holds; partner admins
// see those aggregates and nothing about any person.

const CAMPAIGN_ID = () => dbValue<string>('SELECT id FROM "Campaign" WHERE slug = ?', DEFAULT_SLUG);
const countByStatus = async (status: string) => dbValue('SELECT count(*) FROM "Signature" WHERE "campaignId" = ? AND status = ?', await CAMPAIGN_ID(), status);

/** Confirmed signatures per UTC hour ("2026-11-30 14:00") or day ("2026-11-30"), from the database. */
async function confirmedPer(unit: "hour" | "day"): Promise<[string, string][]> {
  const rows = await sql<{ confirmedAt: string }>(`SELECT "confirmedAt" FROM "Signature" WHERE "campaignId" = ? AND status = 'confirmed'`, await CAMPAIGN_ID());
  const buckets = new Map<string, number>();
  // confirmedAt is an ISO 8601 string in UTC (e2e/support/db.ts): its first 13 or 10 characters are the hour or the day.
  for (const { confirmedAt } of rows) {
    const bucket = confirmedAt.slice(0, unit === "hour" ? 13 : 10);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  return [...buckets]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([bucket, n]) => [unit === "hour" ? `${bucket.replace("T", " ")}:00` : bucket, n.toLocaleString("en")]);
}

/** The rows of a chart's table of numbers, opened the way a reader opens it. */
async function chartTable(page: Page, section: string, caption: string): Promise<string[][]> {
  const region = page.getByRole("region", { name: section });
  await region.getByText("Show the numbers").click();
  const table = region.getByRole("table", { name: caption });
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent ?? "")));
}

test.describe("campaign dashboard", () => {
  const confirmed = { name: "Gulnara Dashboard", email: uniqueEmail("dash.confirmed"), country: "KZ", showName: true };
  const pending = { name: "Pending Dashboard", email: uniqueEmail("dash.pending"), country: "KZ" };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signThroughForm(page, confirmed);
    await signThroughForm(page, pending, { confirm: false });
    await page.close();
  });

  test("an owner sees confirmed and pending totals, the rate, the series and the countries as the database holds them", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Dashboard");
    const confirmedTotal = await countByStatus("confirmed");
    const pendingTotal = await countByStatus("pending");
    expect(confirmedTotal).toBeGreaterThan(0);
    await expect(page.getByTestId("stat-confirmed")).toHaveText(confirmedTotal.toLocaleString("en"));
    await expect(page.getByTestId("stat-pending")).toHaveText(pendingTotal.toLocaleString("en"));
    const rate = confirmedTotal / (confirmedTotal + pendingTotal);
    await expect(page.getByTestId("stat-rate")).toHaveText(`${(Math.round(rate * 1000) / 10).toString()}%`);

    // Charts are images with a text alternative; the numbers are in tables, equal to the database's.
    // (Every signature of an e2e run is from the last 48 hours, so the hourly series holds them all.)
    await expect(page.getByRole("img", { name: `Column chart of confirmed signatures per hour over the last 48 hours: ${confirmedTotal.toLocaleString("en")} in all.` })).toBeVisible();
    await expect(page.getByRole("img", { name: /confirmed signatures per day/ })).toBeVisible();
    const perHour = "Confirmed signatures per hour, last 48 hours (UTC)";
    expect(await chartTable(page, perHour, perHour)).toEqual(await confirmedPer("hour"));
    const perDay = "Confirmed signatures per day (UTC)";
    expect(await chartTable(page, perDay, perDay)).toEqual(await confirmedPer("day"));
    const kz = await dbValue(`SELECT count(*) FROM "Signature" WHERE "campaignId" = ? AND status = 'confirmed' AND country = 'KZ'`, await CAMPAIGN_ID());
    const countries = page.getByRole("table", { name: "Confirmed signatures by country" });
    await expect(countries.getByRole("row", { name: `Kazakhstan ${kz}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Supporters who agreed to hear from partners" }).getByRole("row")).toHaveCount(6);
    await page.context().close();
  });

  test("charts are readable at phone and desktop widths, the dashboard does not scroll sideways, and the title names the campaign", async ({ browser }) => {
    const page = await adminPage(browser);
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ]) {
      await page.setViewportSize({ width, height });
      await page.goto(`/admin/campaigns/${DEFAULT_SLUG}`);
      await expect(page.getByRole("img", { name: /confirmed signatures per hour/ })).toBeVisible();
      // The rendered size of every piece of text in every chart: its computed size, times the
      // scale of any SVG it is drawn in (a viewBox shrinks its text with the chart).
      const sizes = await page.locator(".admin-chart").evaluateAll((charts) =>
        charts.flatMap((chart) =>
          Array.from(chart.querySelectorAll("*"))
            .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== ""))
            .filter((el) => (el as HTMLElement).getClientRects().length > 0)
            .map((el) => {
              const svg = el.closest("svg");
              const scale = svg && el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
              return { text: (el.textContent ?? "").trim(), px: parseFloat(getComputedStyle(el).fontSize) * scale };
            }),
        ),
      );
      expect(sizes.length, `chart labels at ${width}px`).toBeGreaterThan(5);
      for (const { text, px } of sizes) expect(px, `"${text}" at ${width}px`).toBeGreaterThanOrEqual(12);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `page width at ${width}px`).toBeLessThanOrEqual(width);
    }
    await expect(page).toHaveTitle(/^Dashboard: Secretary-General, speak out on Xinjiang/);
    expect(await page.title()).not.toContain(DEFAULT_SLUG);
    await page.context().close();
  });

  test("a partner admin sees the aggregates, no search, and no name or email", async ({ browser }) => {
    const page = await partnerAdminPage(browser, "partner.dashboard@example.org", "Amnesty International");
    await page.goto("/admin");
    await expect(page.getByText("(partner: amnesty-international)")).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Signatures" })).toHaveCount(0);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Admins" })).toHaveCount(0);

    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}`);
    await expect(page.getByTestId("stat-confirmed")).toHaveText((await countByStatus("confirmed")).toLocaleString("en"));
    // Only their own organisation's consent total.
    const consents = page.getByRole("table", { name: "Supporters who agreed to hear from partners" });
    await expect(consents.getByRole("row")).toHaveCount(2);
    await expect(consents).toContainText("Amnesty International");
    await expect(page.getByRole("columnheader", { name: "Email" })).toHaveCount(0);
    const html = await page.content();
    for (const secret of [confirmed.email, pending.email, confirmed.name, pending.name, "Gulnara D."]) expect(html).not.toContain(secret);

    // The delivery view gives them the totals, not the names.
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
    await expect(page.getByTestId("delivery-total")).toBeVisible();
    await expect(page.getByText("Names are shown to owners only.")).toBeVisible();
    expect(await page.content()).not.toContain("Gulnara D.");

    // Searching is refused, in the page and in its action.
    const refused = await page.goto("/admin/signatures");
    expect(refused?.status()).toBe(403);
    await page.context().close();
  });
});
