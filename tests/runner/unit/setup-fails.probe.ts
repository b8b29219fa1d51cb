import { beforeAll, describe, expect, it } from "vitest";

describe("a file whose setup throws", () => {
  beforeAll(() => {
    throw new Error("the test database could not be created");
  });
  it("would pass", () => expect(true).toBe(true));
  it("would pass too", () => expect(true).toBe(true));
});
