import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/security/tokens";

// Confirmation links carry a secret token; the database keeps only its hash.

describe("a confirmation token", () => {
  it("is 43 URL-safe characters, i.e. 256 bits (at least 128 bits of entropy)", () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("is different every time across 1000 signatures", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
  });

  it("uses the whole alphabet rather than a fixed pattern", () => {
    const seen = new Set(Array.from({ length: 1000 }, generateToken).join(""));
    expect(seen.size).toBe(64);
  });
});

describe("what the database keeps instead of the token", () => {
  it("is the SHA-256 of the token in lower-case hex", () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("is the same for the same token, so a link can be looked up", () => {
    // The FIPS 180-2 test vector: the hash is plain SHA-256, stable across processes and versions.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateToken();
    const stored = hashToken(token);
    // The token as it comes back from the link in the email: parsed out of a URL.
    const fromLink = new URL(`https://sign.example.org/confirm/${token}`).pathname.split("/")[2];
    expect(hashToken(fromLink)).toBe(stored);
  });

  it("differs between tokens", () => {
    expect(hashToken(generateToken())).not.toBe(hashToken(generateToken()));
  });

  it("never equals or contains the token itself", () => {
    for (let i = 0; i < 200; i++) {
      const token = generateToken();
      const hash = hashToken(token);
      expect(hash).not.toBe(token);
      expect(hash).not.toContain(token);
      expect(hash.toLowerCase()).not.toContain(token.toLowerCase().slice(0, 16));
    }
  });
});

describe("a confirmation link's token before it is looked up", () => {
  it("is accepted when it is one we issued", () => {
    for (let i = 0; i < 100; i++) expect(isWellFormedToken(generateToken())).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["too short", generateToken().slice(0, 42)],
    ["too long", `${generateToken()}A`],
    ["padded base64", `${generateToken().slice(0, 42)}=`],
    ["standard base64 characters", `${generateToken().slice(0, 41)}+/`],
    ["a path traversal", `../../${"a".repeat(37)}`],
    ["an encoded path traversal", `..%2F..%2F${"a".repeat(33)}`],
    ["whitespace", ` ${generateToken().slice(1)}`],
    ["a trailing newline", `${generateToken()}\n`],
    ["a SQL fragment", `' OR 1=1 --${"a".repeat(32)}`],
    ["the stored hash instead of the token", hashToken(generateToken())],
  ])("is rejected when %s", (_, token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});
