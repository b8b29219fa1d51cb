import { expect, test } from "@playwright/test";
import { signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, fillSignForm, rowCounts, submitSignForm, uniqueEmail } from "./support/campaign";
import { mailsTo } from "./support/mail";

// What anyone on the internet can see or do without signing in: the public list of signers, the
// trap for form-filling bots, the count API partners' sites call, and the health check.

test("the public list shows only confirmed signers who chose to be shown, as first name and initial", async ({ browser }) => {
  const tag = Date.now().toString(36);
  const shown = { name: `Shown${tag} Person`, email: uniqueEmail("public.shown"), country: "IS", showName: true };
  const notChosen = { name: `Unchosen${tag} Person`, email: uniqueEmail("public.unchosen"), country: "IS" };
  const pending = { name: `Pending${tag} Person`, email: uniqueEmail("public.pending"), country: "IS", showName: true };
  const page = await browser.newPage();
  await signThroughForm(page, notChosen);
  await signThroughForm(page, pending, { confirm: false });
  await signThroughForm(page, shown);

  // The page may be a few seconds behind the database: wait for the newest shown signer.
  await expect.poll(async () => (await page.goto("/"), await page.locator("main").innerText()), { timeout: 20_000 }).toContain(`Shown${tag} P., Iceland`);
  await expect(page.getByTestId("recent-signers")).toContainText(`Shown${tag} P., Iceland`);
  const html = await page.content();
  expect(html).not.toContain(`Unchosen${tag}`);
  expect(html).not.toContain(`Pending${tag}`);
  expect(html).not.toContain("Person,");
  for (const signer of [shown, notChosen, pending]) expect(html).not.toContain(signer.email);
  await page.close();
});

test("a bot that fills the hidden trap field gets the normal answer, and nothing is stored or mailed", async ({ page }) => {
  const email = uniqueEmail("honeypot");
  const before = await rowCounts();
  await page.goto("/");
  await fillSignForm(page, { name: "Form Filler", email, country: "US" });
  // People never see the field: it is off screen, hidden from assistive technology, out of the tab order.
  const trap = page.locator('input[name="website"]');
  await expect(trap).not.toBeInViewport();
  await expect(trap).toHaveAttribute("tabindex", "-1");
  await trap.evaluate((input) => ((input as HTMLInputElement).value = "https://cheap-pills.example"));
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  expect(await rowCounts()).toEqual(before);
  expect(await mailsTo(email)).toEqual([]);
});

test("the count API can be called from any site and cached for a few seconds; an unknown slug is a JSON 404", async ({ request }) => {
  const response = await request.get(`/api/v1/campaigns/${DEFAULT_SLUG}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  expect(response.headers()["cache-control"]).toBe("public, max-age=5, s-maxage=5, stale-while-revalidate=30");
  expect(response.headers()["content-type"]).toContain("application/json");

  const missing = await request.get("/api/v1/campaigns/no-such-campaign");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["access-control-allow-origin"]).toBe("*");
  expect(await missing.json()).toEqual({ error: "not_found", message: 'No campaign with the slug "no-such-campaign".' });
});

test("the health check answers 200 with the database and the mail backlog, never cached", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toEqual({ ok: true, database: "ok", mail: { pending: expect.any(Number), failed: expect.any(Number) } });
});
