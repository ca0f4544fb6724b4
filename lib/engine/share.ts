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

/** One flow of `maxMinAllocate`: its own cap and what one unit of its rate costs each resource. */
export interface FlowDemand {
  /** Upper bound of the flow's rate (its transport's cap); Infinity for none. */
  cap: number;
  /** Resources the flow crosses (indices into the capacities) and the units of each per unit of rate. */
  uses: ReadonlyArray<{ resource: number; weight: number }>;
}

/**
 * Max-min fair rates of flows that each cross several shared resources (progressive filling):
 * every flow's rate grows at the same pace until a resource it crosses is full or it reaches its
 * cap; then it stops and the others go on. The result is the max-min fair allocation: no flow
 * can get more without taking from a flow that has as little or less. With one resource and unit
 * weights it is `maxMinShares`. Returns rates in the order of `flows`.
 */
export function maxMinAllocate(capacities: readonly number[], flows: readonly FlowDemand[]): number[] {
  const rates = new Array<number>(flows.length).fill(0);
  const left = capacities.map((c) => Math.max(0, c));
  const frozen = flows.map(
    (f) => !(f.cap > 0) || f.uses.some((u) => u.weight > 0 && !(left[u.resource] ?? 0)),
  );
  for (;;) {
    // The largest increment every unfrozen flow can take together.
    const load = new Array<number>(left.length).fill(0);
    let open = 0;
    flows.forEach((f, i) => {
      if (frozen[i]) return;
      open += 1;
      for (const u of f.uses) load[u.resource] = (load[u.resource] ?? 0) + u.weight;
    });
    if (open === 0) break;
    let inc = Number.POSITIVE_INFINITY;
    load.forEach((w, r) => {
      if (w > 0) inc = Math.min(inc, (left[r] ?? 0) / w);
    });
    flows.forEach((f, i) => {
      if (!frozen[i]) inc = Math.min(inc, f.cap - (rates[i] ?? 0));
    });
    if (!Number.isFinite(inc)) {
      // Flows that cross nothing and have no cap: nothing bounds them.
      flows.forEach((_, i) => {
        if (!frozen[i]) rates[i] = Number.POSITIVE_INFINITY;
      });
      break;
    }
    // Which resources and flows that increment fills: they stop growing.
    const full = load.map((w, r) => w > 0 && (left[r] ?? 0) / w <= inc);
    flows.forEach((f, i) => {
      if (frozen[i]) return;
      const rate = (rates[i] ?? 0) + inc;
      rates[i] = rate;
      for (const u of f.uses) left[u.resource] = Math.max(0, (left[u.resource] ?? 0) - inc * u.weight);
      if (rate >= f.cap) rates[i] = f.cap;
    });
    flows.forEach((f, i) => {
      if (frozen[i]) return;
      if ((rates[i] ?? 0) >= f.cap || f.uses.some((u) => u.weight > 0 && full[u.resource])) frozen[i] = true;
    });
  }
  return rates;
}
