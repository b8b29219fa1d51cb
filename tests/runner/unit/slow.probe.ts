import { expect, it } from "vitest";

it("takes a while", async () => {
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  expect(true).toBe(true);
}, 30_000);
