// View shapes of a campaign's progress, shared by lib/ and components/ (no database here).

export type CampaignProgress = { count: number; goal: number; percent: number };

export type PublicSignerView = { name: string; country: string };
