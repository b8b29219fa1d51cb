/** Where the submitting tab keeps the address it signed with, for the check-email page (never in a URL; ADR 057). */
export const SIGNED_EMAIL_KEY = "speak-out:signed-email";
