import { spawnSync } from "node:child_process";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { adminPage, dbValue, partnerAdminPage, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, uniqueEmail } from "./support/campaign";
import { confirmedSigners, npmScript, parseCsv } from "./support/data";

// Exports as an organiser and an operator meet them: the download from the admin, the partner
// admin's narrower file, the command line, and the audit trail.

const EXPORT_PAGE = `/admin/campaigns/${DEFAULT_SLUG}/export`;
const FILENAME = new RegExp(`^${DEFAULT_SLUG}-signatures-\\d{4}-\\d{2}-\\d{2}\\.csv$`);

test.describe("signature exports", () => {
  let formulaEmail: string;
  let amnestyEmails: string[];

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    formulaEmail = uniqueEmail("export.formula");
    amnestyEmails = [uniqueEmail("export.amnesty1"), uniqueEmail("export.amnesty2")];
    await signThroughForm(page, { name: '=HYPERLINK("x")', email: formulaEmail, country: "DE" });
    // Partner consents as supporters give them: the "Keep me informed by" boxes of the real form.
    await signThroughForm(page, { name: "Amnesty Supporter One", email: amnestyEmails[0], country: "FR", partners: ["Amnesty International"] });
    await signThroughForm(page, { name: "Amnesty Supporter Two", email: amnestyEmails[1], country: "TR", partners: ["Amnesty International", "World Uyghur Congress"] });
    await signThroughForm(page, { name: "Not For Amnesty", email: uniqueEmail("export.wuc"), country: "TR", partners: ["World Uyghur Congress"] });
    await signThroughForm(page, { name: "Never Confirmed", email: uniqueEmail("export.pending"), partners: ["Amnesty International"] }, { confirm: false });
    await page.close();
  });

  test("an owner downloads a CSV with exactly the confirmed signers, formulas neutralised, and the export is audited", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto(EXPORT_PAGE);
    await expect(page.getByRole("heading", { level: 1, name: /Export signatures/ })).toBeVisible();
    for (const column of ["full_name", "email"]) await page.getByRole("checkbox", { name: new RegExp(`^${column} `) }).check();
    const auditsBefore = await dbValue(`SELECT COUNT(*) FROM "AuditLog" WHERE action = 'export.signatures' AND "actorLabel" = 'owner@example.org'`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toMatch(FILENAME);
    const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8"));

    const expected = await confirmedSigners(DEFAULT_SLUG);
    expect(rows.map((r) => [r.id, r.email])).toEqual(expected.map((s) => [s.id, s.email]));
    expect(rows.some((r) => r.email.includes("export.pending"))).toBe(false);
    const formula = rows.find((r) => r.email === formulaEmail)!;
    expect(formula.full_name).toBe(`'=HYPERLINK("x")`);
    expect(formula.first_name).toBe(`'=HYPERLINK("x")`);

    await expect.poll(() => dbValue(`SELECT COUNT(*) FROM "AuditLog" WHERE action = 'export.signatures' AND "actorLabel" = 'owner@example.org'`)).toBe(auditsBefore + 1);
    const details = JSON.parse(await dbValue<string>(`SELECT details FROM "AuditLog" WHERE action = 'export.signatures' ORDER BY "createdAt" DESC LIMIT 1`));
    expect(details).toMatchObject({ format: "csv", rows: expected.length, completed: true });
    await page.reload();
    await expect(page.getByRole("table", { name: "Recent exports" }).getByRole("row").nth(1)).toContainText("owner@example.org");
    await page.context().close();
  });

  test("a partner admin's export holds exactly the supporters who consented to that partner", async ({ browser }) => {
    const page = await partnerAdminPage(browser, "exports.partner@amnesty.example", "Amnesty International");
    await page.goto(EXPORT_PAGE);
    await expect(page.getByText("Your exports contain only the supporters who agreed to hear from Amnesty International.")).toBeVisible();
    await expect(page.getByLabel("Consented to hear from")).toHaveCount(0);
    await page.getByRole("checkbox", { name: /^email / }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
    const expected = await confirmedSigners(DEFAULT_SLUG, "amnesty-international");
    expect(expected.map((s) => s.email)).toEqual(expect.arrayContaining(amnestyEmails));
    expect(rows.map((r) => r.email)).toEqual(expected.map((s) => s.email));
    // Each row lists only this partner, whatever else the supporter agreed to.
    expect(rows.map((r) => r.consent_partners)).toEqual(expected.map(() => "amnesty-international"));
    expect(rows.some((r) => r.email.includes("export.wuc") || r.email.includes("export.pending"))).toBe(false);
    await page.context().close();
  });

  test("an NDJSON download, and a wrong date range sent back to the form with the reason", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto(EXPORT_PAGE);
    await page.getByLabel(/NDJSON/).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.ndjson$/);
    const lines = fs.readFileSync((await download.path())!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual((await confirmedSigners(DEFAULT_SLUG)).map((s) => s.id));

    await page.getByLabel("Confirmed on or after").fill("2026-12-01");
    await page.getByLabel("Confirmed on or before").fill("2026-11-01");
    await page.getByRole("button", { name: "Download" }).click();
    await expect(page).toHaveURL(/\/export\?.*error=to$/);
    await expect(page.getByLabel("Confirmed on or after")).toHaveValue("2026-12-01");
    await expect(page.getByLabel("Confirmed on or before")).toHaveValue("2026-11-01");
    await expect(page.getByLabel(/NDJSON/)).toBeChecked();
    await expect(page.locator("#export-error")).toHaveText("Enter the end date as a date, like 2026-11-27, on or after the start date.");
    await page.context().close();
  });

  test("the export page has no axe (WCAG 2.1 A/AA) violations, with and without an error", async ({ browser }) => {
    const page = await adminPage(browser);
    for (const url of [EXPORT_PAGE, `${EXPORT_PAGE}?error=from`]) {
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    await page.context().close();
  });

  test("the download is refused without a session", async ({ request }) => {
    const response = await request.get(`${EXPORT_PAGE}/download?format=csv`, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toBe("/admin/sign-in");
    expect(await response.text()).toBe("");
  });

  test("npm run export writes the same rows to standard output, clean CSV, and refuses bad flags", async () => {
    const { stdout, code } = await npmScript("export", ["--campaign", DEFAULT_SLUG, "--format", "csv", "--columns", "id,email,full_name"]);
    expect(code).toBe(0);
    expect(stdout.startsWith("id,full_name,email\r\n")).toBe(true);
    const rows = parseCsv(stdout);
    expect(rows.map((r) => [r.id, r.email])).toEqual((await confirmedSigners(DEFAULT_SLUG)).map((s) => [s.id, s.email]));
    expect(rows.find((r) => r.email === formulaEmail)?.full_name).toBe(`'=HYPERLINK("x")`);
    expect(await dbValue(`SELECT COUNT(*) FROM "AuditLog" WHERE action = 'export.signatures' AND "actorType" = 'cli'`)).toBeGreaterThan(0);

    const partner = await npmScript("export", ["--campaign", DEFAULT_SLUG, "--partner", "amnesty-international", "--format", "ndjson", "--columns", "email"]);
    expect(partner.stdout.trim().split("\n").map((l) => JSON.parse(l).email)).toEqual((await confirmedSigners(DEFAULT_SLUG, "amnesty-international")).map((s) => s.email));

    const file = test.info().outputPath("cli-export.csv");
    const written = await npmScript("export", ["--campaign", DEFAULT_SLUG, "--columns", "id,email,full_name", "--output", file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe("");
    expect(fs.readFileSync(file, "utf8")).toBe(stdout);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    // Exactly as the README and the issue write it: plain `npm run`, redirected by the shell.
    const redirected = test.info().outputPath("redirected.csv");
    const shell = spawnSync("bash", ["-c", `npm run export -- --campaign ${DEFAULT_SLUG} --format csv --columns id,email,full_name > "${redirected}"`], {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, OUTBOX_DISPATCHER: "off" },
    });
    expect(shell.status).toBe(0);
    expect(fs.readFileSync(redirected, "utf8")).toBe(stdout);

    const bad = await npmScript("export", ["--campaign", DEFAULT_SLUG, "--format", "xlsx"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain('export: --format must be csv or ndjson (got "xlsx")');
    const unknown = await npmScript("export", ["--campaign", "no-such-campaign"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No campaign with the slug "no-such-campaign".');
  });
});
