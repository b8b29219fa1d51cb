// View shapes of a campaign's progress, shared by lib/ and components/ (no database here).

export type CampaignProgress = { count: number; goal: number; percent: number };

/** confirmedAt: ISO 8601, rendered as an absolute date on the server (the page is cached) */
export type PublicSignerView = { name: string; country: string; confirmedAt: string };
