import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { noticeProblems } from "@/lib/campaigns/privacy-notice";
import { isLocale, routing } from "@/lib/i18n/routing";

// Campaign copy lives in content/ so that organisers edit files, not code:
//   content/partners.json                          the organisations
//   content/campaigns/<slug>/campaign.json         settings and copy per locale
//   content/campaigns/<slug>/letter.<locale>.md    the letter body
//   content/campaigns/<slug>/privacy.<locale>.md   the privacy notice, with {placeholders}

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
  // Every locale but the original is a translation of it, and says so (ADR 059): the pages in that
  // locale then say discreetly that the original is the authoritative text, and link to it.
  translation: z
    .object({
      of: z.literal(routing.defaultLocale, { error: `must be "${routing.defaultLocale}": translations are made from the original` }),
      reviewed: z.string().trim().min(1).max(200).nullable().default(null),
    })
    .optional(),
});

/** A required text with a message that says what to write when it is missing. */
function requiredText(what: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `is required: ${what}` : undefined) })
    .trim()
    .min(1, `must not be empty: ${what}`)
    .max(max)
    // It goes into a mail header (the From name): no line breaks or other control characters.
    .regex(/^[^\p{Cc}]*$/u, "must be one line without control characters");
}

export const campaignFileSchema = z.object({
  slug,
  isDefault: z.boolean().default(false),
  status: z.enum(["open", "closed"]),
  goal: z.number().int().positive(),
  opensAt: z.iso.datetime().nullable().default(null),
  closesAt: z.iso.datetime().nullable().default(null),
  partners: z.array(slug).default([]),
  // Who runs the campaign (docs/decisions/056-privacy-notice-and-sender.md). The organiser sets
  // these: they are shown on the privacy page and in every email.
  senderName: requiredText('the name emails are sent and signed with, such as "The Xinjiang letter coalition"', 100),
  controller: requiredText("the name of the organisation responsible for supporters' data (the data controller)", 200),
  privacyContact: z.email({
    error: (issue) =>
      issue.input === undefined
        ? "is required: the address where supporters ask about or for the erasure of their data, such as privacy@your-organisation.org"
        : "must be an email address, such as privacy@your-organisation.org",
  }),
  // The joint letter (ADR 057): its date, shown in the trust band above the title, and the address
  // of the letter as its authors published it; null when unknown (the page then shows no link).
  letterDate: z.iso.date({ error: "must be a date such as 2019-09-16" }).nullable().default(null),
  letterUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) address of the published letter" }).nullable().default(null),
  locales: z
    .record(z.string(), localeCopy)
    .refine((l) => routing.defaultLocale in l, `must include an "${routing.defaultLocale}" entry, the original`)
    .superRefine((locales, ctx) => {
      for (const [locale, copy] of Object.entries(locales)) {
        if (!isLocale(locale)) {
          ctx.addIssue({ code: "custom", path: [locale], message: `is not a locale this site speaks (${routing.locales.join(", ")})` });
        } else if (locale === routing.defaultLocale && copy.translation) {
          ctx.addIssue({ code: "custom", path: [locale, "translation"], message: "must not be set: this is the original text" });
        } else if (locale !== routing.defaultLocale && !copy.translation) {
          ctx.addIssue({ code: "custom", path: [locale, "translation"], message: `is required: mark the copy as a translation, { "of": "${routing.defaultLocale}", "reviewed": null }` });
        }
      }
    }),
});

export type PartnerContent = z.infer<typeof partnerFileSchema>[number];
export type CampaignContent = z.infer<typeof campaignFileSchema> & {
  letters: Record<string, string>;
  /** the privacy notice per locale: Markdown with {placeholders} (lib/campaigns/privacy-notice.ts) */
  privacyNotices: Record<string, string>;
};
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
    const privacyNotices: Record<string, string> = {};
    for (const locale of Object.keys(campaign.locales)) {
      const noticeFile = path.join(campaignsDir, entry.name, `privacy.${locale}.md`);
      if (!(await exists(noticeFile))) throw new ContentError(`${noticeFile}: missing (one privacy notice per locale)`);
      const notice = (await fs.readFile(noticeFile, "utf8")).trim();
      const problems = noticeProblems(notice);
      if (problems.length > 0) throw new ContentError(`${noticeFile}: ${problems.join("; ")}`);
      privacyNotices[locale] = notice;
    }
    campaigns.push({ ...campaign, letters, privacyNotices });
  }
  return { partners, campaigns };
}

// Domains reserved for examples and tests (RFC 2606, RFC 6761): the shipped content uses one for
// the privacy contact so that nobody mistakes it for a real address.
const PLACEHOLDER_DOMAIN = /(?:^|\.)(?:example|invalid|test|localhost)$|^example\.(?:com|net|org)$/i;

/** What an organiser must still set before going live: a privacy contact at a placeholder domain. */
export function contentWarnings(bundles: ContentBundle[]): string[] {
  return bundles
    .flatMap((b) => b.campaigns)
    .filter((c) => PLACEHOLDER_DOMAIN.test(c.privacyContact.slice(c.privacyContact.lastIndexOf("@") + 1)))
    .map(
      (c) =>
        `campaign ${c.slug}: the privacy contact ${c.privacyContact} is a placeholder (an example domain). Set privacyContact, controller and senderName in its campaign.json before going live: supporters are told to write there to have their data erased.`,
    );
}
