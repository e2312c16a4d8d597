// Offline-protocol helpers kept next to the model so the script and the tests share them.

/** Small seeded PRNG (mulberry32): reproducible samples without a dependency. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher-Yates on a copy. */
export function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const a = xs.slice()
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
  return a
}

/** `n` distinct ids drawn uniformly from 1..itemCount, none of them in `forbidden`. */
export function sampleNegatives(
  rand: () => number,
  itemCount: number,
  forbidden: ReadonlySet<number>,
  n: number
): number[] {
  const out: number[] = []
  const taken = new Set<number>()
  if (itemCount - forbidden.size < n) throw new Error("not enough items to sample negatives from")
  while (out.length < n) {
    const t = 1 + Math.floor(rand() * itemCount)
    if (forbidden.has(t) || taken.has(t)) continue
    taken.add(t)
    out.push(t)
  }
  return out
}

/**
 * 0-based rank of the target among sampled negatives. Pessimistic: a negative scoring the
 * same as the target is counted above it, so a constant scorer earns nothing.
 */
export function sampledRank(target: number, negatives: ArrayLike<number>): number {
  let rank = 0
  for (let i = 0; i < negatives.length; i++) if (negatives[i] >= target) rank++
  return rank
}

/** Full-ranking rank: every item not skipped (the target itself, owned items) with score >= target. */
export function fullRank(scores: ArrayLike<number>, target: number, skip: (i: number) => boolean): number {
  const t = scores[target]
  let rank = 0
  for (let i = 0; i < scores.length; i++) {
    if (i === target || skip(i)) continue
    if (scores[i] >= t) rank++
  }
  return rank
}

export function hitAt(rank: number, k: number): number {
  return rank < k ? 1 : 0
}

export function ndcgAt(rank: number, k: number): number {
  return rank < k ? 1 / Math.log2(rank + 2) : 0
}
