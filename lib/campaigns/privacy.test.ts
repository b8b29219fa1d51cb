import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CampaignView } from "@/lib/campaigns/model";

// The shipped privacy notice, filled as the /privacy page fills it: the periods come from the
// configuration and the code that applies them, never from the notice's own words (ADR 056).

const ROOT = path.resolve(__dirname, "../..");
let privacy: typeof import("@/lib/campaigns/privacy");
let campaign: CampaignView;

beforeAll(async () => {
  // A period an operator changed: the notice must say this one, not the default.
  process.env.RETENTION_MONTHS_AFTER_CLOSE = "9";
  privacy = await import("@/lib/campaigns/privacy");
  const { loadContent } = await import("@/lib/campaigns/content");
  const { campaigns, partners } = await loadContent(path.join(ROOT, "content"));
  const c = campaigns.find((x) => x.slug === "guterres-xinjiang")!;
  campaign = {
    id: "c1",
    slug: c.slug,
    isDefault: c.isDefault,
    locale: "en",
    originalLocale: "en",
    locales: Object.keys(c.locales),
    titles: Object.fromEntries(Object.entries(c.locales).map(([l, copy]) => [l, copy.title])),
    ...c.locales.en,
    translation: null,
    letterBody: c.letters.en,
    senderName: c.senderName,
    controller: c.controller,
    privacyContact: c.privacyContact,
    privacyNotice: c.privacyNotices.en,
    letterDate: c.letterDate,
    letterUrl: c.letterUrl,
    goal: c.goal,
    opensAt: null,
    closesAt: null,
    status: c.status,
    partners: c.partners.map((slug) => ({ id: slug, ...partners.find((p) => p.slug === slug)! })),
  };
});

describe("the shipped privacy notice, filled", () => {
  it("states the retention period configured (RETENTION_MONTHS_AFTER_CLOSE), and the other periods the code applies", () => {
    const notice = privacy.privacyNoticeMarkdown(campaign, "en");
    expect(notice).toContain("9 months after the campaign closes, every signature is anonymised");
    expect(notice).not.toContain("{");
    expect(notice).toContain("A confirmation link works for 30 days.");
    expect(notice).toContain("with your signature for 6 hours");
    expect(notice).toContain("is deleted after 2 days");
  });

  it("names the organisation responsible, the contact as a link, the sender and every partner", () => {
    const notice = privacy.privacyNoticeMarkdown(campaign, "en");
    expect(notice).toContain("The Xinjiang letter coalition is responsible for the data collected on this site.");
    expect(notice).toContain(`Write to [${campaign.privacyContact.replace(/[.-]/g, "\\$&")}](mailto:${campaign.privacyContact}) with any question`);
    expect(notice).toContain(
      "The partner organisations (Amnesty International, Human Rights Watch, International Commission of Jurists, International Federation for Human Rights, and World Uyghur Congress) see the campaign's totals.",
    );
  });

  it("says what is not stored, and how to withdraw and to have data erased", () => {
    const notice = privacy.privacyNoticeMarkdown(campaign, "en");
    expect(notice).toContain("We do not store your IP address, or anything about your browser or device.");
    expect(notice).toMatch(/every email we send you ends with a link that withdraws your signature/);
    expect(notice).toMatch(/\*\*Have your data erased\*\*: write to \[/);
  });
});
