import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, contentWarnings, loadContent } from "@/lib/campaigns/content";

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

  it("names who is behind it: the sender, the organisation responsible for the data, a privacy contact and a notice", async () => {
    const { campaigns } = await loadContent(CONTENT);
    const campaign = campaigns.find((c) => c.slug === "guterres-xinjiang")!;
    expect(campaign.senderName).toBe("The Xinjiang letter coalition");
    expect(campaign.letterDate).toBe("2019-09-16");
    expect(campaign.controller).toBe("The Xinjiang letter coalition");
    expect(campaign.privacyContact).toMatch(/^[^@\s]+@[^@\s]+$/);
    for (const placeholder of ["{controller}", "{contact}", "{retentionMonths}", "{partners}"]) expect(campaign.privacyNotices.en).toContain(placeholder);
    // The notice says how to withdraw and how to have data erased (the form promises both).
    expect(campaign.privacyNotices.en).toMatch(/## How to withdraw your signature or have your data erased/);
    expect(campaign.privacyNotices.en).toMatch(/ends with a link that withdraws your signature/);
  });

  it("ships a placeholder privacy contact, which the start-up warns about until an organiser sets a real one", async () => {
    const bundle = await loadContent(CONTENT);
    expect(bundle.campaigns.find((c) => c.slug === "guterres-xinjiang")!.privacyContact).toMatch(/\.example$/);
    const warnings = contentWarnings([bundle]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^campaign guterres-xinjiang: the privacy contact privacy@\S+\.example is a placeholder/);
    const real = { ...bundle, campaigns: bundle.campaigns.map((c) => ({ ...c, privacyContact: "privacy@coalition-secretariat.org" })) };
    expect(contentWarnings([real])).toEqual([]);
    for (const placeholder of ["dpo@example.org", "a@b.test", "a@x.invalid", "a@localhost"]) {
      expect(contentWarnings([{ ...bundle, campaigns: bundle.campaigns.map((c) => ({ ...c, privacyContact: placeholder })) }])).toHaveLength(1);
    }
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
    senderName: "Free the journalists coalition",
    controller: "Press Freedom Trust",
    privacyContact: "privacy@pressfreedom.org",
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

  const NOTICE = "{controller} holds your data. Write to {contact}.";

  /** A campaign folder's files: campaign.json, and a letter and a notice unless given (null leaves one out). */
  function folder(slug: string, json: object | string, files: Record<string, string | null> = {}): Record<string, string | object> {
    const all: Record<string, string | object | null> = {
      [`campaigns/${slug}/campaign.json`]: json,
      [`campaigns/${slug}/letter.en.md`]: "Dear minister,",
      [`campaigns/${slug}/privacy.en.md`]: NOTICE,
      ...Object.fromEntries(Object.entries(files).map(([name, body]) => [`campaigns/${slug}/${name}`, body])),
    };
    return Object.fromEntries(Object.entries(all).filter((e): e is [string, string | object] => e[1] !== null));
  }

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
      "campaigns/free-the-journalists/privacy.en.md": `\n${NOTICE}\n`,
    });
    const { campaigns, partners } = await loadContent(dir);
    expect(partners).toEqual([]);
    expect(campaigns.map((c) => [c.slug, c.letters.en, c.isDefault])).toEqual([["free-the-journalists", "Dear minister,", false]]);
    expect(campaigns.map((c) => [c.senderName, c.controller, c.privacyContact, c.privacyNotices.en])).toEqual([
      ["Free the journalists coalition", "Press Freedom Trust", "privacy@pressfreedom.org", NOTICE],
    ]);
  });

  it.each([
    ["senderName", /senderName is required: the name emails are sent and signed with/],
    ["controller", /controller is required: the name of the organisation responsible for supporters' data/],
    ["privacyContact", /privacyContact is required: the address where supporters ask about or for the erasure of their data/],
  ])("names the campaign file without %s, and says what to write there", async (field, message) => {
    const json = campaign("free-the-journalists") as Record<string, unknown>;
    delete json[field];
    await write(folder("free-the-journalists", json));
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/campaign.json"));
    expect(error.message).toMatch(message);
  });

  it("names the campaign file whose privacy contact is not an email address", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists", { privacyContact: "the press office" })));
    expect((await contentError()).message).toMatch(/campaign\.json: privacyContact must be an email address/);
  });

  it("takes the letter's date and published address, or null for both; refuses a non-web address or a malformed date (ADR 057)", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists", { letterUrl: "javascript:alert(1)" })));
    expect((await contentError()).message).toMatch(/letterUrl must be an http\(s\) address/);
    await fs.rm(dir, { recursive: true, force: true });
    await write(folder("free-the-journalists", campaign("free-the-journalists", { letterDate: "16/09/2019" })));
    expect((await contentError()).message).toMatch(/letterDate must be a date such as 2019-09-16/);
  });

  it("refuses a sender name with a line break (it goes into the From header) or left blank", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists", { senderName: "Coalition\r\nBcc: everyone@example.org" })));
    expect((await contentError()).message).toMatch(/senderName must be one line without control characters/);
    await fs.rm(dir, { recursive: true, force: true });
    await write(folder("free-the-journalists", campaign("free-the-journalists", { senderName: "   " })));
    expect((await contentError()).message).toMatch(/senderName must not be empty/);
  });

  it("names the privacy notice file that is missing", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists"), { "privacy.en.md": null }));
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/privacy.en.md"));
    expect(error.message).toContain("missing (one privacy notice per locale)");
  });

  it("names the privacy notice with an unknown placeholder, and lists the known ones", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists"), { "privacy.en.md": `${NOTICE} Kept {retentionMonth} months.` }));
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/privacy.en.md"));
    expect(error.message).toMatch(/unknown placeholder \{retentionMonth\}; use .*\{retentionMonths\}/);
  });

  it("names the privacy notice that does not give the contact address or the responsible organisation", async () => {
    await write(folder("free-the-journalists", campaign("free-the-journalists"), { "privacy.en.md": "We hold your data. Write to us." }));
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/privacy.en.md"));
    expect(error.message).toContain("must contain {controller}");
    expect(error.message).toContain("must contain {contact}");
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
    (withFrench.locales as Record<string, unknown>).fr = { ...withFrench.locales.en, translation: { of: "en", reviewed: null } };
    await write({
      "campaigns/free-the-journalists/campaign.json": withFrench,
      "campaigns/free-the-journalists/letter.en.md": "Dear minister,",
    });
    const error = await contentError();
    expect(error.message).toContain(path.join(dir, "campaigns/free-the-journalists/letter.fr.md"));
  });

  it("refuses a translation not marked as one, a marked original, and a locale the site does not speak", async () => {
    const unmarked = campaign("free-the-journalists");
    (unmarked.locales as Record<string, unknown>).fr = unmarked.locales.en;
    await write({ "campaigns/free-the-journalists/campaign.json": unmarked, "campaigns/free-the-journalists/letter.en.md": "Dear minister," });
    expect((await contentError()).message).toContain('locales.fr.translation is required: mark the copy as a translation, { "of": "en", "reviewed": null }');

    const marked = campaign("free-the-journalists");
    (marked.locales as Record<string, unknown>).en = { ...marked.locales.en, translation: { of: "en", reviewed: null } };
    await write({ "campaigns/free-the-journalists/campaign.json": marked });
    expect((await contentError()).message).toContain("locales.en.translation must not be set: this is the original text");

    const klingon = campaign("free-the-journalists");
    (klingon.locales as Record<string, unknown>).tlh = { ...klingon.locales.en, translation: { of: "en", reviewed: null } };
    await write({ "campaigns/free-the-journalists/campaign.json": klingon });
    expect((await contentError()).message).toMatch(/locales\.tlh is not a locale this site speaks \(en, fr, es, ru, zh-Hans, ar, ug\)/);
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
