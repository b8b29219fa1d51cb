import { expect, test } from "@playwright/test";

test.only("was left focused", () => expect(true).toBe(true));
test("is then left out", () => expect(true).toBe(true));
