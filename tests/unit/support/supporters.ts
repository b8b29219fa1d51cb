import path from "node:path";

// Seeds the real content (campaigns, partners) and confirmed supporters with consents into the
// database the app's client points at (DATABASE_URL set by the test before importing lib/).

const ROOT = path.resolve(__dirname, "../../..");

export async function seedCampaigns(): Promise<void> {
  const { loadContent } = await import("@/lib/campaigns/content");
  const { seedContent } = await import("@/lib/campaigns/seed");
  await seedContent([await loadContent(path.join(ROOT, "content")), await loadContent(path.join(ROOT, "e2e/fixtures/content"))]);
}

export type SupporterSeed = {
  fullName: string;
  email: string;
  country?: string;
  comment?: string | null;
  source?: string;
  refCode?: string | null;
  utmSource?: string | null;
  /** default "confirmed" */
  status?: string;
  confirmedAt?: Date | null;
  erased?: boolean;
  /** consent scopes in force: "campaign", "partner:<slug>" */
  consents?: string[];
  /** consent scopes given and then withdrawn */
  withdrawn?: string[];
  campaign?: string;
};

let n = 0;

/** Inserts one signature (and its consents) and returns its id. */
export async function addSupporter(seed: SupporterSeed): Promise<string> {
  const { db } = await import("@/lib/db");
  const campaign = await db().campaign.findUniqueOrThrow({ where: { slug: seed.campaign ?? "guterres-xinjiang" } });
  n++;
  const status = seed.status ?? "confirmed";
  const signature = await db().signature.create({
    data: {
      campaignId: campaign.id,
      fullName: seed.fullName,
      email: seed.email,
      emailNormalized: seed.email.toLowerCase(),
      country: seed.country ?? "FR",
      comment: seed.comment ?? null,
      locale: "en",
      status,
      confirmedAt: status === "confirmed" ? (seed.confirmedAt ?? new Date(Date.UTC(2026, 10, 1, 12, 0, n))) : null,
      erasedAt: seed.erased ? new Date() : null,
      source: seed.source ?? "direct",
      refCode: seed.refCode ?? null,
      utmSource: seed.utmSource ?? null,
      optInCampaign: (seed.consents ?? []).includes("campaign"),
    },
  });
  for (const scope of seed.consents ?? []) {
    await db().consent.create({ data: { signatureId: signature.id, scope, wording: `I agree (${scope})`, locale: "en" } });
  }
  for (const scope of seed.withdrawn ?? []) {
    await db().consent.create({ data: { signatureId: signature.id, scope, wording: `I agree (${scope})`, locale: "en", withdrawnAt: new Date() } });
  }
  return signature.id;
}
