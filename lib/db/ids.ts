import { randomBytes } from "node:crypto";

// Row ids for rows this app inserts without Prisma (the group-commit write path), shaped like the
// cuid() ids Prisma gives the others: "c", the time in base 36, a per-process counter, randomness;
// 25 lower-case characters. The time prefix keeps new ids at the end of the primary-key index, so a
// batch of inserts touches few index pages. (A library such as @paralleldrive/cuid2 hashes each id
// and costs about 200 µs, which would be a tenth of a signing's budget.)

let counter = randomBytes(2).readUInt16BE(0);

export function newId(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(12, "0").slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
