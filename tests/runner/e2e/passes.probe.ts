import { expect, test } from "@playwright/test";

test("passes", () => expect(1 + 1).toBe(2));
test.skip("is skipped on purpose", () => expect(true).toBe(true));
