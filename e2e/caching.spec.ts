import { expect, test } from "@playwright/test";
import { DEFAULT_SLUG } from "./support/campaign";

// A viral day arrives through share links: the campaign pages and the embeds are served from
// Next's cache whatever the query string, and render nothing per view. The first view of a path
// after start renders it (MISS); every later one within the revalidation window is a HIT (or
// STALE while it is renewed in the background).

const paths = [
  "/",
  `/?ref=k7mq2xw9ab&utm_source=mastodon&utm_medium=social`,
  `/c/${DEFAULT_SLUG}`,
  `/c/${DEFAULT_SLUG}?utm_source=newsletter&utm_campaign=winter`,
  `/embed/${DEFAULT_SLUG}`,
  `/embed/${DEFAULT_SLUG}?partner=amnesty-international&ref=k7mq2xw9ab`,
];

for (const path of paths) {
  test(`${path} comes from the cache`, async ({ request }) => {
    await request.get(path);
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(["HIT", "STALE"]).toContain(response.headers()["x-nextjs-cache"]);
    // Nothing personal in a cached answer: no cookie is set for a visitor who came from nowhere.
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });
}

test("a landing from another site gets only a first-party note of that site, once, and the page still comes from the cache", async ({ request, playwright }) => {
  const fresh = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const landing = await fresh.get(`/c/${DEFAULT_SLUG}?ref=k7mq2xw9ab`, { headers: { Referer: "https://news.example.org/story?id=7" } });
  expect(["HIT", "STALE", "MISS"]).toContain(landing.headers()["x-nextjs-cache"]);
  expect(landing.headers()["set-cookie"]).toMatch(/^so_via=news\.example\.org; Path=\/; HttpOnly; SameSite=Lax$/);
  // First touch: the next page view keeps it, whatever its referrer.
  const next = await fresh.get("/", { headers: { Referer: "https://other.example.net/" } });
  expect(next.headers()["set-cookie"]).toBeUndefined();
  // A referrer that is not a plain host name is not copied into a cookie.
  const odd = await request.get("/", { headers: { Referer: "https://evil.example;Domain=x/" } });
  expect(odd.headers()["set-cookie"]).toBeUndefined();
  await fresh.dispose();
});

test("a made-up campaign slug is a 404 page", async ({ request }) => {
  const response = await request.get(`/c/no-such-campaign-${Date.now()}`);
  expect(response.status()).toBe(404);
});
