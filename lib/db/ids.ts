import { randomFillSync } from "node:crypto";

// Row ids for bulk writes: UUIDv7 (RFC 9562), a millisecond timestamp, a counter within the
// millisecond, then random bits, so ids made one after another sort in that order. A random id
// (UUIDv4) lands anywhere in its primary-key index and in every index that starts with it: a bulk
// import of 100,000 certificates dirtied a different page of each such index with almost every row,
// and each transaction wrote all of them again to the log (SQLite's WAL, then the database file at
// each checkpoint). Ordered ids append at the end of those indexes instead.

const random = Buffer.alloc(4096);
let randomAt = random.length;
let lastMs = 0;
let counter = 0;

function randomBytes(n: number): Buffer {
  if (randomAt + n > random.length) {
    randomFillSync(random);
    randomAt = 0;
  }
  randomAt += n;
  return random.subarray(randomAt - n, randomAt);
}

/** A new UUIDv7: unique, and greater than the ids this thread made before it (within a millisecond, by a 12-bit counter). */
export function orderedId(now = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter++;
    if (counter > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next one, as RFC 9562 allows
      ms++;
      counter = 0;
    }
  } else counter = randomBytes(1)[0] & 0x3f; // a random start leaves room to count up
  lastMs = ms;
  const r = randomBytes(8);
  const hex = ms.toString(16).padStart(12, "0");
  const tail = r.toString("hex");
  const variant = ((r[0] & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${counter.toString(16).padStart(3, "0")}-${variant}${tail.slice(2, 4)}-${tail.slice(4, 16)}`;
}
