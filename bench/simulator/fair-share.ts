/**
 * What each partner should get of a contended rate: the weighted max-min fair share (water-filling). Every
 * partner gets `weight × level`, or what it wants when that is less (its demand, bounded by its own rate);
 * the level rises until the capacity is spent or everyone has what it wants. What one partner leaves unused
 * goes to the others in proportion to their weights: the allocation issue 17's item 1 asks for.
 */

export interface Claim {
  id: string;
  weight: number;
  /** What it asks for in the period. */
  demand: number;
  /** The most it may have in the period (its own rate), when it has a bound. */
  cap?: number;
}

export function weightedMaxMinShares(capacity: number, claims: readonly Claim[]): Map<string, number> {
  const shares = new Map<string, number>();
  let open = claims.filter((claim) => claim.weight > 0);
  for (const claim of claims) shares.set(claim.id, 0);
  let left = capacity;
  while (open.length > 0 && left > 0) {
    const weights = open.reduce((sum, claim) => sum + claim.weight, 0);
    const level = left / weights;
    const satisfied = open.filter((claim) => wants(claim) <= claim.weight * level);
    if (satisfied.length === 0) {
      for (const claim of open) shares.set(claim.id, claim.weight * level);
      return shares;
    }
    for (const claim of satisfied) {
      shares.set(claim.id, wants(claim));
      left -= wants(claim);
    }
    open = open.filter((claim) => !satisfied.includes(claim));
  }
  return shares;
}

function wants(claim: Claim): number {
  return Math.min(claim.demand, claim.cap ?? Number.POSITIVE_INFINITY);
}
