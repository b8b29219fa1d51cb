// Large campaigns show a goal just ahead of the count: when a goal is reached the next one is the
// next step of the 1-2-5 series (10,000 → 20,000 → 50,000 → 100,000 …).

const STEPS = [1, 2, 5];

export function nextMilestoneAbove(count: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of STEPS) {
      const milestone = step * magnitude;
      if (milestone > count) return milestone;
    }
  }
}

/** The goal to display for a confirmed count, never below the campaign's own goal. */
export function displayedGoal(count: number, campaignGoal: number): number {
  if (count < campaignGoal) return campaignGoal;
  return Math.max(nextMilestoneAbove(count), campaignGoal);
}

/** Progress toward the displayed goal, as a whole percentage 0-100. */
export function progressPercent(count: number, goal: number): number {
  if (goal <= 0) return 100;
  return Math.min(100, Math.floor((count / goal) * 100));
}
