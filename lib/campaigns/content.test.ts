import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "@/lib/campaigns/content";

// Organisers edit files in content/: they must get the campaign they wrote, or an error naming the file.

const CONTENT = path.resolve(__dirname, "../../content");

describe("the campaign content shipped with the app", () => {
  it("holds the Guterres / Xinjiang letter with its six demands, five partners and an English letter", async () => {
    const { campaigns, partners } = await loadContent(CONTENT);
    const campaign = campaigns.find((c) => c.slug === "guterres-xinjiang");
    expect(campaign).toBeDefined();
    expect(campaign!.isDefault).toBe(true);
    expect(campaign!.status).toBe("open");
    expect(campaign!.locales.en.demands).toHaveLength(6);
    expect(campaign!.partners).toHaveLength(5);
    expect(campaign!.letters.en.length).toBeGreaterThan(200);
    expect(campaign!.letters.en).toBe(campaign!.letters.en.trim());
    expect(partners.map((p) => p.slug)).toEqual(expect.arrayContaining(campaign!.partners));
  });
});

describe("a broken content folder", () => {
  let dir: string;

  afterEach(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const campaign = (slug: string, extra: object = {}) => ({
    slug,
    status: "open",
    goal: 1000,
    locales: {
      en: {
        title: "Free the journalists",
        summary: "A short summary.",
        target: "The minister",
        callToAction: "Release them.",
        demandsIntro: "We ask you to:",
        demands: ["Release them"],
        context: [],
      },
    },
    ...extra,
  });

  async function write(files: Record<string, string | object>): Promise<void> {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "content-"));
    for (const [name, body] of Object.entries(files)) {
      const file = path.join(dir, name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, typeof body === "string" ? body : JSON.stringify(body));
    }
  }

  async function contentError(): Promise<ContentError> {
    const error = await loadContent(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }

  it("loads when it is well formed (the fixture used below is valid)", async () => {
    await write({
      "campaigns/free-the-journalists/campaign.json": campaign("free-the-journalists"),
      "campaigns/free-the-journalists/letter.en.md": "\nDear minister,\n",
    });
    const { campaigns, partners } = await loadContent(dir);
    expect(partners).toEqual([]);
    expect(campaigns.map((c) => [c.slug, c.letters.en, c.isDefault])).toEqual([["free-the-journalists", "Dear minister,", false]]);
  });

  it("names the campaign file whose slug is not lower-case words joined by hyphens", async () => {
    await write({
      "campaigns/Free_Journalists/campaign.json": campaign("Free_Journalists"),
      "campaigns/Free_Journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/Free_Journalists/campaign.json"));
    expect(error.message).toContain("slug");
  });

  it("names the campaign file whose slug does not match its folder", async () => {
    await write({
      "campaigns/free-the-journalists/campaign.json": campaign("other-slug"),
      "campaigns/free-the-journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/campaign.json"));
    expect(error.message).toContain("other-slug");
  });

  it("names the letter file that is missing", async () => {
    await write({ "campaigns/free-the-journalists/campaign.json": campaign("free-the-journalists") });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/letter.en.md"));
  });

  it("names the letter file missing for a second language", async () => {
    const withFrench = campaign("free-the-journalists");
    (withFrench.locales as Record<string, unknown>).fr = withFrench.locales.en;
    await write({
      "campaigns/free-the-journalists/campaign.json": withFrench,
      "campaigns/free-the-journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/letter.fr.md"));
  });

  it("names the campaign file that is not valid JSON", async () => {
    await write({
      "campaigns/free-the-journalists/campaign.json": '{ "slug": "free-the-journalists", }',
      "campaigns/free-the-journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/campaign.json"));
  });

  it("names the partners file that is not valid JSON", async () => {
    await write({ "partners.json": "[{" });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "partners.json"));
  });

  it("names the partners file with a partner lacking a website address", async () => {
    await write({ "partners.json": [{ slug: "amnesty", name: "Amnesty International", shortName: "Amnesty", url: "amnesty" }] });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "partners.json"));
    expect(error.message).toContain("url");
  });

  it("names the campaign file with no English copy", async () => {
    const french = campaign("free-the-journalists");
    (french as { locales: object }).locales = { fr: french.locales.en };
    await write({
      "campaigns/free-the-journalists/campaign.json": french,
      "campaigns/free-the-journalists/letter.fr.md": "Monsieur le ministre,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/campaign.json"));
    expect(error.message).toContain('"en"');
  });

  it("names the campaign file with an unknown status", async () => {
    await write({
      "campaigns/free-the-journalists/campaign.json": campaign("free-the-journalists", { status: "paused" }),
      "campaigns/free-the-journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/campaign.json"));
    expect(error.message).toContain("status");
  });
});
