import { expect, it } from "vitest";

it.only("was left focused", () => expect(true).toBe(true));
it("is then left out", () => expect(true).toBe(true));
