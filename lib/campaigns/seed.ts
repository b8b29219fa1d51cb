import { noteChange, transact } from "@/lib/db/changes";
import { ContentError, type ContentBundle } from "@/lib/campaigns/content";

// Loads content into the database. Idempotent: running it again updates copy and settings in
// place (by slug) and never touches signatures.

export type SeedReport = { partners: number; campaigns: number };

export async function seedContent(bundles: ContentBundle[]): Promise<SeedReport> {
  const partners = bundles.flatMap((b) => b.partners);
  const campaigns = bundles.flatMap((b) => b.campaigns);
  const defaults = campaigns.filter((c) => c.isDefault);
  if (defaults.length > 1) {
    throw new ContentError(`only one campaign may be the default; found ${defaults.map((c) => c.slug).join(", ")}`);
  }
  const partnerSlugs = new Set(partners.map((p) => p.slug));
  for (const c of campaigns) {
    const unknown = c.partners.filter((p) => !partnerSlugs.has(p));
    if (unknown.length) throw new ContentError(`campaign ${c.slug}: unknown partner(s) ${unknown.join(", ")}`);
  }

  await transact(async (tx) => {
    // After the commit, every process forgets its cached campaigns (lib/db/changes.ts).
    noteChange(tx, { kind: "campaigns" });
    const partnerIds = new Map<string, string>();
    for (const p of partners) {
      const row = await tx.partner.upsert({
        where: { slug: p.slug },
        create: p,
        update: { name: p.name, shortName: p.shortName, url: p.url },
      });
      partnerIds.set(p.slug, row.id);
    }
    if (defaults.length === 1) {
      await tx.campaign.updateMany({ where: { isDefault: true, slug: { not: defaults[0].slug } }, data: { isDefault: false } });
    }
    for (const c of campaigns) {
      const en = c.locales.en;
      const fields = {
        isDefault: c.isDefault,
        status: c.status,
        goal: c.goal,
        opensAt: c.opensAt ? new Date(c.opensAt) : null,
        closesAt: c.closesAt ? new Date(c.closesAt) : null,
        defaultLocale: "en",
        title: en.title,
        summary: en.summary,
        target: en.target,
        callToAction: en.callToAction,
        demandsIntro: en.demandsIntro,
        demands: JSON.stringify(en.demands),
        context: JSON.stringify(en.context),
        letterBody: c.letters.en,
        senderName: c.senderName,
        controller: c.controller,
        privacyContact: c.privacyContact,
        privacyNotice: c.privacyNotices.en,
        letterDate: c.letterDate,
        letterUrl: c.letterUrl,
      };
      const row = await tx.campaign.upsert({ where: { slug: c.slug }, create: { slug: c.slug, ...fields }, update: fields });
      // Translations: each locale's copy replaces the stored one; a locale dropped from content goes.
      const translated = Object.entries(c.locales).filter(([locale]) => locale !== "en");
      await tx.campaignTranslation.deleteMany({ where: { campaignId: row.id, locale: { notIn: translated.map(([locale]) => locale) } } });
      for (const [locale, copy] of translated) {
        const text = {
          title: copy.title,
          summary: copy.summary,
          target: copy.target,
          callToAction: copy.callToAction,
          demandsIntro: copy.demandsIntro,
          demands: JSON.stringify(copy.demands),
          context: JSON.stringify(copy.context),
          letterBody: c.letters[locale],
          privacyNotice: c.privacyNotices[locale],
          translatedFrom: copy.translation?.of ?? "en",
          reviewed: copy.translation?.reviewed ?? null,
        };
        await tx.campaignTranslation.upsert({
          where: { campaignId_locale: { campaignId: row.id, locale } },
          create: { campaignId: row.id, locale, ...text },
          update: text,
        });
      }
      await tx.campaignPartner.deleteMany({ where: { campaignId: row.id } });
      for (const [position, partnerSlug] of c.partners.entries()) {
        await tx.campaignPartner.create({ data: { campaignId: row.id, partnerId: partnerIds.get(partnerSlug)!, position } });
      }
    }
  });
  return { partners: partners.length, campaigns: campaigns.length };
}
