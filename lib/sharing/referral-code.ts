import { randomInt } from "node:crypto";

// A signer's share code: short enough to sit in a link, random enough that codes cannot be walked.
// 10 characters of a 31-letter alphabet without look-alikes (no 0/o, 1/l/i) is about 49.5 bits.

export const REFERRAL_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const REFERRAL_CODE_LENGTH = 10;

export function generateReferralCode(): string {
  let code = "";
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i += 1) code += REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)];
  return code;
}

/** True for a code this app could have issued (anything else cannot match a signer). */
export function isWellFormedReferralCode(code: string): boolean {
  return new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{${REFERRAL_CODE_LENGTH}}$`).test(code);
}
