// Prisma's SQLite driver adapter stores DateTime as ISO-8601 text with "+00:00" (for example
// "2026-11-27T02:09:16.405+00:00"), so the first 10 / 13 characters are the UTC day / hour and
// text comparison orders instants. Raw SQL compares against strings in exactly this form.

export function toDbTime(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

export function fromDbTime(value: string): Date {
  return new Date(value);
}
