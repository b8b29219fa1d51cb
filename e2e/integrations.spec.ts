import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page as BrowserPage } from "@playwright/test";
import { adminPage, partnerAdminPage, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, uniqueEmail } from "./support/campaign";
import { confirmedSigners, erasedConfirmed, npmScript, Receiver } from "./support/data";
import { sqlRow, sqlValue } from "./support/db";
import { expectExactlyOnce } from "./support/once";

// The integration API and webhooks as a partner's supporter database meets them: tokens made in
// the admin (shown once) or on the command line, OSDI-shaped pages, partner scoping, revocation,
// erasure, and signed webhook deliveries that survive the receiver being down.

const SIGNATURES = `/api/v1/petitions/${DEFAULT_SLUG}/signatures`;
const RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? 3401);

type Page = {
  total_records: number;
  _links: { next?: { href: string } };
  _embedded: { "osdi:signatures": { identifiers: string[]; _embedded: { "osdi:person": { email_addresses: { address: string; status: string }[] } } }[] };
};

async function allSignatures(request: APIRequestContext, token: string, perPage = 2): Promise<{ ids: string[]; emails: string[] }> {
  let url: string | null = `${SIGNATURES}?per_page=${perPage}`;
  const ids: string[] = [];
  const emails: string[] = [];
  while (url) {
    const response = await request.get(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as Page;
    for (const s of body._embedded["osdi:signatures"]) {
      ids.push(s.identifiers[0].replace("speakout:", ""));
      emails.push(s._embedded["osdi:person"].email_addresses[0].address);
    }
    url = body._links.next ? new URL(body._links.next.href).pathname + new URL(body._links.next.href).search : null;
  }
  return { ids, emails };
}

async function expectNoAxeViolations(page: BrowserPage): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${page.url()}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

function verify(secret: string, d: { headers: Record<string, string | string[] | undefined>; body: string }): boolean {
  const expected = `sha256=${createHmac("sha256", secret).update(`${d.headers["x-speakout-timestamp"]}.${d.body}`).digest("hex")}`;
  return d.headers["x-speakout-signature"] === expected;
}

test.describe("integration API", () => {
  test("a token made in the admin reads every confirmed signature once, page by page; revoked, it reads nothing", async ({ browser, request }) => {
    const signer = await browser.newPage();
    for (let i = 0; i < 3; i++) await signThroughForm(signer, { name: `Api Reader ${i}`, email: uniqueEmail(`api.${i}`) });
    await signer.close();

    const page = await adminPage(browser);
    await page.goto("/admin/integrations");
    await page.getByLabel("Name").fill("E2E CRM sync");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("token-secret").textContent())!.trim();
    expect(token).toMatch(/^spk_[A-Za-z0-9_-]{43}$/);
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByTestId("token-secret")).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: "E2E CRM sync" })).toContainText(token.slice(0, 10));

    expect((await request.get(SIGNATURES)).status()).toBe(401);
    expect((await request.get(SIGNATURES, { headers: { Authorization: `Bearer spk_${"x".repeat(43)}` } })).status()).toBe(401);
    const { ids } = await allSignatures(request, token);
    expect(ids).toEqual((await confirmedSigners(DEFAULT_SLUG)).map((s) => s.id));
    expect(new Set(ids).size).toBe(ids.length);

    // The petitions, behind the same token.
    expect((await request.get("/api/v1/petitions")).status()).toBe(401);
    const petitions = await request.get("/api/v1/petitions", { headers: { "OSDI-API-Token": token } });
    expect(petitions.headers()["content-type"]).toBe("application/hal+json; charset=utf-8");
    const petitionList = await petitions.json();
    expect(petitionList._embedded["osdi:petitions"].map((p: { name: string }) => p.name)).toContain(DEFAULT_SLUG);
    const petition = await (await request.get(`/api/v1/petitions/${DEFAULT_SLUG}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    // The petition's total is the public count, which keeps erased people as anonymous signatures;
    // the signature list leaves them out.
    const publicCount = (await (await request.get(`/api/v1/campaigns/${DEFAULT_SLUG}`)).json()).signatureCount;
    expect(petition.total_signatures).toBe(publicCount);
    expect(publicCount).toBe(ids.length + (await erasedConfirmed(DEFAULT_SLUG)));
    expect((await request.get("/api/v1/petitions/no-such-campaign", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(404);

    // The public count stays public and unchanged in shape.
    const count = await request.get(`/api/v1/campaigns/${DEFAULT_SLUG}`);
    expect(Object.keys(await count.json()).sort()).toEqual(["goal", "signatureCount", "slug", "status", "title"]);

    // Two steps: the red opener only shows what happens; the token still works until the second.
    const tokenRow = page.getByRole("row").filter({ hasText: "E2E CRM sync" });
    await tokenRow.locator("summary").filter({ hasText: "Revoke the token E2E CRM sync" }).click();
    await expect(tokenRow.getByText("Every integration using this token stops getting data at once.")).toBeVisible();
    expect((await request.get(SIGNATURES, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
    await page.getByRole("button", { name: "Yes, revoke the token E2E CRM sync" }).click();
    await expect(page.getByRole("row").filter({ hasText: "E2E CRM sync" })).toContainText("Revoked");
    expect((await request.get(SIGNATURES, { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
    await page.context().close();
  });

  test("a partner token sees only the supporters who consented to that partner, and an erased person disappears", async ({ browser, request }) => {
    const consenting = uniqueEmail("api.hrw");
    const other = uniqueEmail("api.nohrw");
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Hrw Consenting", email: consenting, partners: ["Human Rights Watch"] });
    await signThroughForm(signer, { name: "Hrw Not Consenting", email: other, partners: ["Amnesty International"] });
    await signer.close();

    const created = await npmScript("integration-token", ["--name", "HRW CRM", "--partner", "human-rights-watch"]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    const { emails } = await allSignatures(request, token, 50);
    expect(emails).toEqual((await confirmedSigners(DEFAULT_SLUG, "human-rights-watch")).map((s) => s.email));
    expect(emails).toContain(consenting);
    expect(emails).not.toContain(other);

    const id = await sqlValue<string>('SELECT id FROM "Signature" WHERE email = ?', consenting);
    const page = await adminPage(browser);
    await page.goto(`/admin/signatures/${id}`);
    await page.getByLabel("I understand that this cannot be undone").check();
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Erased" })).toBeVisible();
    await page.context().close();
    const after = await allSignatures(request, token, 50);
    expect(after.emails).not.toContain(consenting);
    expect(after.ids).not.toContain(id);
  });
});

test("tokens and webhooks are managed by owners only: a partner admin gets the 403 page", async ({ browser }) => {
  const page = await partnerAdminPage(browser, "integrations.partner@example.org", "Human Rights Watch");
  await page.goto("/admin");
  // No link leads a partner admin to a page they may not use.
  await expect(page.getByRole("navigation").getByRole("link", { name: "Integrations & webhooks" })).toHaveCount(0);
  const response = await page.goto("/admin/integrations");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await page.context().close();
});

test.describe("webhooks", () => {
  const receiver = new Receiver(RECEIVER_PORT, RECEIVER_PORT + 20);
  test.afterAll(async () => receiver.stop());

  test("confirmations arrive signed with the secret shown once, as the API shows them; deliveries missed while the receiver is down arrive when it is back; erasure is announced", async ({ browser, request }) => {
    await receiver.start();
    const page = await adminPage(browser);
    await page.goto("/admin/integrations");
    await page.getByLabel("Address (URL)").fill(receiver.url);
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    // A refused address gets the reason next to the form.
    await page.getByLabel("Address (URL)").fill("ftp://crm.example.org/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.locator("#webhook-error")).toHaveText("The address must start with https:// (plain http:// works only for 127.0.0.1 and localhost).");
    await expectNoAxeViolations(page);

    const signer = await browser.newPage();
    const first = uniqueEmail("hook.first");
    await signThroughForm(signer, { name: "Hook First", email: first });
    const firstId = (await confirmedSigners(DEFAULT_SLUG)).find((s) => s.email === first)!.id;
    await expectExactlyOnce(() => receiver.about("signature.confirmed", firstId).length, { timeout: 15_000, what: "signature.confirmed deliveries" });
    const [delivery] = receiver.about("signature.confirmed", firstId);
    expect(verify(secret, delivery)).toBe(true);
    expect(verify("whsec_wrong", delivery)).toBe(false);
    const confirmed = JSON.parse(delivery.body);
    expect(confirmed).toMatchObject({ event: "signature.confirmed", campaign: DEFAULT_SLUG, "osdi:signature": { "speakout:status": "confirmed" } });
    expect(confirmed["osdi:signature"]._embedded["osdi:person"].email_addresses[0].address).toBe(first);
    // The same object as the API's signature resource, read with an owner-level token.
    const created = await npmScript("integration-token", ["--name", "Webhook check"]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    const readSignature = async (id: string) => {
      const response = await request.get(`${SIGNATURES}/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status()).toBe(200);
      return response.json();
    };
    expect(confirmed["osdi:signature"]).toEqual(await readSignature(firstId));

    // The receiver goes down; a confirmation meanwhile is retried, then delivered once it is back.
    await receiver.stop();
    const second = uniqueEmail("hook.second");
    await signThroughForm(signer, { name: "Hook Second", email: second });
    const secondId = (await confirmedSigners(DEFAULT_SLUG)).find((s) => s.email === second)!.id;
    const attempts = () =>
      sqlRow<{ attempts: number; status: string }>(
        `SELECT attempts, status FROM "OutboxMessage" WHERE channel = 'webhook' AND kind = 'signature.confirmed' AND payload LIKE ?`,
        `%${secondId}%`,
      );
    await expect.poll(async () => (await attempts())?.attempts ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect((await attempts())?.status).toBe("pending");
    await receiver.start();
    await expectExactlyOnce(() => receiver.about("signature.confirmed", secondId).length, { timeout: 30_000, what: "signature.confirmed deliveries" });
    expect(verify(secret, receiver.about("signature.confirmed", secondId)[0])).toBe(true);

    await page.goto(`/admin/signatures/${firstId}`);
    await page.getByLabel("I understand that this cannot be undone").check();
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expectExactlyOnce(() => receiver.about("signature.erased", firstId).length, { timeout: 15_000, what: "signature.erased deliveries" });
    const erased = receiver.about("signature.erased", firstId)[0];
    expect(verify(secret, erased)).toBe(true);
    expect(erased.body).not.toContain(first);
    // The tombstone, as the API now answers for that signature.
    const tombstone = JSON.parse(erased.body)["osdi:signature"];
    expect(tombstone["speakout:status"]).toBe("erased");
    expect(tombstone).toEqual(await readSignature(firstId));

    await page.getByRole("link", { name: "Integrations & webhooks" }).click();
    await page.locator("summary").filter({ hasText: `Disable the webhook to ${receiver.url}` }).click();
    await page.getByRole("button", { name: `Yes, disable the webhook to ${receiver.url}` }).click();
    await expect(page.getByRole("row").filter({ hasText: receiver.url })).toContainText("Disabled");
    await signer.close();
    await page.context().close();
  });
});
