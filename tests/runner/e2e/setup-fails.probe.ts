import { expect, test } from "@playwright/test";

test.describe("a file whose setup throws", () => {
  test.beforeAll(() => {
    throw new Error("the fixture could not be created");
  });
  test("would pass", () => expect(true).toBe(true));
  test("would pass too", () => expect(true).toBe(true));
  test("would pass as well", () => expect(true).toBe(true));
});
