/**
 * Max-min fair shares of one link (water-filling): flows capped below an equal share keep their cap,
 * the rest split what is left equally. Returns shares in the order of `caps`.
 */
export function maxMinShares(capacity: number, caps: readonly number[]): number[] {
  const n = caps.length;
  const shares = new Array<number>(n).fill(0);
  if (n === 0 || capacity <= 0) return shares;
  if (n === 1) {
    shares[0] = Math.min(capacity, caps[0] ?? 0);
    return shares;
  }
  const order = caps.map((_, i) => i).sort((a, b) => (caps[a] ?? 0) - (caps[b] ?? 0));
  let left = capacity;
  let remaining = n;
  for (const i of order) {
    const cap = Math.max(0, caps[i] ?? 0);
    const fair = left / remaining;
    const share = Math.min(cap, fair);
    shares[i] = share;
    left -= share;
    remaining -= 1;
  }
  return shares;
}
