import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// Campaign copy lives in content/ so that organisers edit files, not code:
//   content/partners.json                          the organisations
//   content/campaigns/<slug>/campaign.json         settings and copy per locale
//   content/campaigns/<slug>/letter.<locale>.md    the letter body

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");

export const partnerFileSchema = z.array(
  z.object({ slug, name: z.string().min(1), shortName: z.string().min(1), url: z.url() }),
);

const localeCopy = z.object({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(300),
  target: z.string().min(1),
  callToAction: z.string().min(1),
  demandsIntro: z.string().min(1),
  demands: z.array(z.string().min(1)).min(1),
  context: z.array(z.string().min(1)),
});

export const campaignFileSchema = z.object({
  slug,
  isDefault: z.boolean().default(false),
  status: z.enum(["open", "closed"]),
  goal: z.number().int().positive(),
  opensAt: z.iso.datetime().nullable().default(null),
  closesAt: z.iso.datetime().nullable().default(null),
  partners: z.array(slug).default([]),
  locales: z.record(z.string(), localeCopy).refine((l) => "en" in l, "must include an \"en\" entry"),
});

export type PartnerContent = z.infer<typeof partnerFileSchema>[number];
export type CampaignContent = z.infer<typeof campaignFileSchema> & { letters: Record<string, string> };
export type ContentBundle = { partners: PartnerContent[]; campaigns: CampaignContent[] };

export class ContentError extends Error {}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    throw new ContentError(`${file}: ${(error as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ");
    throw new ContentError(`${file}: ${issues}`);
  }
  return result.data;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Reads and validates one content folder (partners.json and/or campaigns/). */
export async function loadContent(dir: string): Promise<ContentBundle> {
  const partnersFile = path.join(dir, "partners.json");
  const partners = (await exists(partnersFile)) ? check(partnerFileSchema, await readJson(partnersFile), partnersFile) : [];
  const campaignsDir = path.join(dir, "campaigns");
  const campaigns: CampaignContent[] = [];
  const entries = (await exists(campaignsDir)) ? await fs.readdir(campaignsDir, { withFileTypes: true }) : [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(campaignsDir, entry.name, "campaign.json");
    const campaign = check(campaignFileSchema, await readJson(file), file);
    if (campaign.slug !== entry.name) throw new ContentError(`${file}: slug "${campaign.slug}" must match its folder name`);
    const letters: Record<string, string> = {};
    for (const locale of Object.keys(campaign.locales)) {
      const letterFile = path.join(campaignsDir, entry.name, `letter.${locale}.md`);
      if (!(await exists(letterFile))) throw new ContentError(`${letterFile}: missing (one letter per locale)`);
      letters[locale] = (await fs.readFile(letterFile, "utf8")).trim();
    }
    campaigns.push({ ...campaign, letters });
  }
  return { partners, campaigns };
}
