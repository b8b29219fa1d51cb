import { db } from "@/lib/db";
import { onCommitted } from "@/lib/db/changes";
import type { CampaignView } from "@/lib/campaigns/model";
import { isLocale, routing } from "@/lib/i18n/routing";

export { campaignState, titleIn, type CampaignState, type CampaignView, type PartnerView } from "@/lib/campaigns/model";

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
    include: { partners: { include: { partner: true }, orderBy: { position: "asc" } }, translations: { orderBy: { locale: "asc" } } },
  });
}

async function load(where: { slug: string } | { isDefault: true }, locale: string): Promise<CampaignView | null> {
  const [row] = await loadRows(where);
  return row ? toView(row, locale) : null;
}

/**
 * The campaign with its copy in a locale: the translation when there is one, else the original
 * (the view's `locale` says which, so that a page can mark the text's language).
 */
function toView(row: CampaignRow, locale: string): CampaignView {
  const translation = locale === row.defaultLocale ? undefined : row.translations.find((t) => t.locale === locale);
  const copy = translation ?? row;
  return {
    id: row.id,
    slug: row.slug,
    isDefault: row.isDefault,
    locale: translation ? translation.locale : row.defaultLocale,
    originalLocale: row.defaultLocale,
    translation: translation ? { of: translation.translatedFrom, reviewed: translation.reviewed } : null,
    locales: [row.defaultLocale, ...row.translations.map((t) => t.locale)],
    titles: Object.fromEntries([[row.defaultLocale, row.title], ...row.translations.map((t) => [t.locale, t.title])]),
    title: copy.title,
    summary: copy.summary,
    target: copy.target,
    callToAction: copy.callToAction,
    demandsIntro: copy.demandsIntro,
    demands: JSON.parse(copy.demands) as string[],
    context: JSON.parse(copy.context) as string[],
    letterBody: copy.letterBody,
    senderName: row.senderName,
    controller: row.controller,
    privacyContact: row.privacyContact,
    privacyNotice: copy.privacyNotice,
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

/** A campaign by slug, with its copy in `locale` (the original's where it has no translation). */
export function findCampaign(slug: string, locale: string = routing.defaultLocale): Promise<CampaignView | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return Promise.resolve(null);
  const known = isLocale(locale) ? locale : routing.defaultLocale;
  return cached(`slug:${slug}:${known}`, () => load({ slug }, known));
}

export function findDefaultCampaign(locale: string = routing.defaultLocale): Promise<CampaignView | null> {
  const known = isLocale(locale) ? locale : routing.defaultLocale;
  return cached(`default:${known}`, () => load({ isDefault: true }, known));
}

/** Every campaign by id (there are a handful), in its original copy, from the same short-lived cache. */
export async function allCampaignsById(): Promise<Map<string, CampaignView>> {
  if (store.every && Date.now() - store.every.at < TTL_MS) return store.every.value;
  const value = new Map((await loadRows({})).map((row) => [row.id, toView(row, row.defaultLocale)]));
  store.every = { value, at: Date.now() };
  return value;
}
