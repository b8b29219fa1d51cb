import { describe, expect, it } from "vitest";
import { displayedGoal, progressPercent } from "@/lib/signatures/goal";

// The counter shows "Next goal: N": the campaign's goal until it is reached, then the next step.

describe("the goal shown next to the signature count", () => {
  it.each([0, 1, 4_999, 9_999])("is the campaign's goal of 10,000 while %i have signed", (count) => {
    expect(displayedGoal(count, 10_000)).toBe(10_000);
  });

  it.each([
    [10_000, 20_000],
    [10_001, 20_000],
    [19_999, 20_000],
    [20_000, 50_000],
    [49_999, 50_000],
    [50_000, 100_000],
    [100_000, 200_000],
    [250_000, 500_000],
    [999_999, 1_000_000],
  ])("steps up once the goal is reached: %i signed shows %i", (count, goal) => {
    expect(displayedGoal(count, 10_000)).toBe(goal);
  });

  it("moves from an odd goal onto the 1-2-5 series: 7,500 reached shows 10,000", () => {
    expect(displayedGoal(7_499, 7_500)).toBe(7_500);
    expect(displayedGoal(7_500, 7_500)).toBe(10_000);
    expect(displayedGoal(10_000, 7_500)).toBe(20_000);
  });

  it("is always above the count once the goal is reached", () => {
    for (const goal of [1, 100, 750, 10_000, 30_000]) {
      for (let count = goal; count < goal * 30; count += Math.ceil(goal / 7)) {
        expect(displayedGoal(count, goal)).toBeGreaterThan(count);
      }
    }
  });

  it("never drops below the campaign's goal", () => {
    for (let count = 0; count < 40_000; count += 333) expect(displayedGoal(count, 30_000)).toBeGreaterThanOrEqual(30_000);
  });
});

describe("the progress bar", () => {
  it("is empty with no signatures and full at the goal", () => {
    expect(progressPercent(0, 10_000)).toBe(0);
    expect(progressPercent(10_000, 10_000)).toBe(100);
  });

  it("does not show 100% before the goal is actually reached", () => {
    expect(progressPercent(9_999, 10_000)).toBe(99);
  });

  it("is a whole percentage", () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(2_500, 10_000)).toBe(25);
  });

  it("never overflows past 100%", () => {
    expect(progressPercent(25_000, 10_000)).toBe(100);
  });

  it("is full rather than broken when the goal is zero", () => {
    expect(progressPercent(5, 0)).toBe(100);
  });

  it("stays within 0-100 for the displayed goal at every count", () => {
    for (let count = 0; count < 120_000; count += 977) {
      const percent = progressPercent(count, displayedGoal(count, 10_000));
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThan(100);
    }
  });
});
