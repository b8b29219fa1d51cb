import { describe, expect, it } from "vitest";
import { escapeMarkdown, fillNotice, noticeProblems, type NoticeValues } from "@/lib/campaigns/privacy-notice";

// The privacy notice's placeholders: what the organiser may not restate by hand is filled in, as
// text, whatever it contains (docs/decisions/056-privacy-notice-and-sender.md).

const values: NoticeValues = {
  controller: "Press Freedom Trust",
  contact: "privacy@pressfreedom.org",
  sender: "Free the journalists coalition",
  campaign: "Free the journalists",
  partners: "A, B and C",
  retentionMonths: "6",
  confirmationDays: "30",
  clientHashHours: "6",
  rateLimitKeyDays: "2",
};

describe("a notice's placeholders", () => {
  it("are filled with the campaign's names and the configured periods", () => {
    expect(fillNotice("{controller} keeps it {retentionMonths} months after the close; {partners} see only theirs. From {sender}.", values)).toBe(
      "Press Freedom Trust keeps it 6 months after the close; A, B and C see only theirs. From Free the journalists coalition.",
    );
  });

  it("give the contact as a mailto link", () => {
    expect(fillNotice("Write to {contact}.", values)).toBe("Write to [privacy@pressfreedom\\.org](mailto:privacy@pressfreedom.org).");
  });

  it("put a value's Markdown in as text: a name cannot add a link, emphasis or a heading", () => {
    const filled = fillNotice("{controller}", { ...values, controller: "# [Click](https://evil.example) *now* <b>x</b>" });
    expect(filled).toBe("\\# \\[Click\\]\\(https://evil\\.example\\) \\*now\\* \\<b\\>x\\</b\\>");
  });

  it("leave braces that are not a placeholder name alone", () => {
    expect(fillNotice("a { b } {unknown} {controller}", values)).toBe("a { b } {unknown} Press Freedom Trust");
  });
});

describe("a notice's problems", () => {
  it("are none for a notice that names the organisation and the contact", () => {
    expect(noticeProblems("{controller} holds it. Write to {contact}.")).toEqual([]);
  });

  it("name an unknown placeholder and list the known ones", () => {
    const [problem] = noticeProblems("{controller} {contact} {retention}");
    expect(problem).toMatch(/^unknown placeholder \{retention\}; use \{controller\}, \{contact\}, /);
    expect(problem).toContain("{retentionMonths}");
  });

  it("name each required placeholder that is missing", () => {
    expect(noticeProblems("We hold your data.")).toEqual([
      "must contain {controller} (the organisation responsible for the data (campaign.json controller))",
      "must contain {contact} (the privacy contact address, as a link (campaign.json privacyContact))",
    ]);
  });
});

describe("escapeMarkdown", () => {
  it("escapes the marks that could start Markdown, and nothing else", () => {
    expect(escapeMarkdown("Amnesty International")).toBe("Amnesty International");
    expect(escapeMarkdown("a_b*c`d")).toBe("a\\_b\\*c\\`d");
  });
});
