// The privacy notice is Markdown from content/campaigns/<slug>/privacy.<locale>.md, written by the
// organiser, with {placeholders} for what the organiser must not restate by hand: the names and
// address from campaign.json, and the periods the app actually applies (lib/campaigns/privacy.ts
// fills them from the configuration). No database or server code here: the content loader checks
// notices with it. docs/decisions/056-privacy-notice-and-sender.md

export const NOTICE_PLACEHOLDERS = {
  controller: "the organisation responsible for the data (campaign.json controller)",
  contact: "the privacy contact address, as a link (campaign.json privacyContact)",
  sender: "the name emails are sent and signed with (campaign.json senderName)",
  campaign: "the campaign's title",
  partners: "the partner organisations' names, as a list",
  retentionMonths: "months after the campaign closes before signatures are anonymised (RETENTION_MONTHS_AFTER_CLOSE)",
  confirmationDays: "days a confirmation link works",
  clientHashHours: "hours a signature keeps the keyed hash of the signer's connection",
  rateLimitKeyDays: "days the key of those hashes is kept before it is deleted",
} as const;

export type NoticePlaceholder = keyof typeof NOTICE_PLACEHOLDERS;

/** A notice that does not name these would leave supporters without the one thing it is for. */
export const REQUIRED_PLACEHOLDERS: NoticePlaceholder[] = ["controller", "contact"];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

function isPlaceholder(name: string): name is NoticePlaceholder {
  return Object.hasOwn(NOTICE_PLACEHOLDERS, name);
}

/** What is wrong with a notice's placeholders (an unknown name, a required one missing); empty when nothing. */
export function noticeProblems(markdown: string): string[] {
  const used = new Set([...markdown.matchAll(PLACEHOLDER)].map((m) => m[1]));
  const problems: string[] = [];
  const unknown = [...used].filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) {
    problems.push(`unknown placeholder${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `{${n}}`).join(", ")}; use ${Object.keys(NOTICE_PLACEHOLDERS).map((n) => `{${n}}`).join(", ")}`);
  }
  for (const name of REQUIRED_PLACEHOLDERS) {
    if (!used.has(name)) problems.push(`must contain {${name}} (${NOTICE_PLACEHOLDERS[name]})`);
  }
  return problems;
}

/** Text as it is, inside Markdown: each mark that could start markup escaped (CommonMark backslash escapes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, "\\$&");
}

/** The values of a notice's placeholders, as plain text (the contact as the bare address). */
export type NoticeValues = Record<NoticePlaceholder, string>;

/** The notice with its placeholders filled: values escaped as text, the contact as a mailto link. */
export function fillNotice(markdown: string, values: NoticeValues): string {
  return markdown.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const value = values[name];
    if (name === "contact") return `[${escapeMarkdown(value)}](mailto:${encodeURI(value)})`;
    return escapeMarkdown(value);
  });
}
