import { db } from "@/lib/db";
import { onCommitted } from "@/lib/db/changes";
import type { CampaignView } from "@/lib/campaigns/model";

export { campaignState, type CampaignState, type CampaignView, type PartnerView } from "@/lib/campaigns/model";

// Campaigns change only when content is loaded (at start-up), so reads are cached in memory
// briefly; the dates that open and close a campaign are still checked on every read. A change to
// campaigns committed anywhere is forgotten in every process (lib/db/changes.ts).

const TTL_MS = 30_000;
type CampaignCache = { byKey: Map<string, { value: CampaignView | null; at: number }>; every?: { value: Map<string, CampaignView>; at: number } };
const globalForCampaigns = globalThis as unknown as { __campaignCache?: CampaignCache };
const store: CampaignCache = (globalForCampaigns.__campaignCache ??= { byKey: new Map() });
const cache = store.byKey;

export function forgetCampaignCache(): void {
  cache.clear();
  store.every = undefined;
}

onCommitted("campaigns", (changes) => {
  if (changes.some((c) => c.kind === "campaigns")) forgetCampaignCache();
});

type CampaignRow = NonNullable<Awaited<ReturnType<typeof loadRows>>>[number];

function loadRows(where: { slug: string } | { isDefault: true } | Record<string, never>) {
  return db().campaign.findMany({
    where,
    include: { partners: { include: { partner: true }, orderBy: { position: "asc" } } },
  });
}

async function load(where: { slug: string } | { isDefault: true }): Promise<CampaignView | null> {
  const [row] = await loadRows(where);
  return row ? toView(row) : null;
}

function toView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    slug: row.slug,
    isDefault: row.isDefault,
    title: row.title,
    summary: row.summary,
    target: row.target,
    callToAction: row.callToAction,
    demandsIntro: row.demandsIntro,
    demands: JSON.parse(row.demands) as string[],
    context: JSON.parse(row.context) as string[],
    letterBody: row.letterBody,
    senderName: row.senderName,
    controller: row.controller,
    privacyContact: row.privacyContact,
    privacyNotice: row.privacyNotice,
    letterDate: row.letterDate,
    letterUrl: row.letterUrl,
    goal: row.goal,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    status: row.status === "closed" ? "closed" : "open",
    partners: row.partners.map(({ partner }) => ({
      id: partner.id,
      slug: partner.slug,
      name: partner.name,
      shortName: partner.shortName,
      url: partner.url,
    })),
  };
}

async function cached(key: string, loader: () => Promise<CampaignView | null>): Promise<CampaignView | null> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await loader();
  cache.set(key, { value, at: Date.now() });
  return value;
}

export function findCampaign(slug: string): Promise<CampaignView | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return Promise.resolve(null);
  return cached(`slug:${slug}`, () => load({ slug }));
}

export function findDefaultCampaign(): Promise<CampaignView | null> {
  return cached("default", () => load({ isDefault: true }));
}

/** Every campaign by id (there are a handful), from the same short-lived cache. */
export async function allCampaignsById(): Promise<Map<string, CampaignView>> {
  if (store.every && Date.now() - store.every.at < TTL_MS) return store.every.value;
  const value = new Map((await loadRows({})).map((row) => [row.id, toView(row)]));
  store.every = { value, at: Date.now() };
  return value;
}
