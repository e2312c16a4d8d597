import type { RecModel } from "./train"
import type { ScoreOptions } from "./types"

/** 1 / count^e per item; counts of 0 map to 0 so unseen items get no neighbour score. */
export function invPow(model: RecModel, e: number): Float64Array {
  return model.cached(`inv:${e}`, () => {
    const out = new Float64Array(model.size)
    for (let i = 0; i < out.length; i++) {
      const c = model.count[i]
      out[i] = c > 0 ? Math.pow(c, -e) : 0
    }
    return out
  })
}

/**
 * Popularity prior in [0, wPopularity]. Compressed (log or a small power) so it separates
 * "known" from "obscure" items without swamping the neighbour evidence among popular ones.
 * Recent popularity (items among users' latest few) stands in for release date, which the
 * store's events carry implicitly: what people pick up now is what's current.
 */
export function prior(model: RecModel, o: ScoreOptions): Float64Array {
  return model.cached(`prior:${o.wPopularity}:${o.recentShare}:${o.popExponent}`, () => {
    const out = new Float64Array(model.size)
    const g = o.popExponent
    const shape =
      g > 0
        ? (c: number, max: number) => Math.pow(Math.max(0, c) / (max || 1), g)
        : (c: number, max: number) => Math.log1p(Math.max(0, c)) / (Math.log1p(max) || 1)
    const s = o.recentShare
    for (let i = 0; i < out.length; i++) {
      const all = shape(model.count[i], model.maxCount)
      const rec = shape(model.recent[i], model.maxRecent)
      out[i] = o.wPopularity * ((1 - s) * all + s * rec)
    }
    return out
  })
}

/** Most recent distinct items first, at most `limit`. */
export function recentDistinct(history: readonly number[], limit: number): number[] {
  const seen = new Set<number>()
  const out: number[] = []
  for (let i = history.length - 1; i >= 0 && out.length < limit; i--) {
    const h = history[i]
    if (h < 0 || seen.has(h)) continue
    seen.add(h)
    out.push(h)
  }
  return out
}

/** Recency weights of `hist` (most recent first), summing to 1. */
export function recencyWeights(count: number, decay: number): Float64Array {
  const w = new Float64Array(count)
  let total = 0
  for (let k = 0, r = 1; k < count; k++, r *= decay) {
    w[k] = r
    total += r
  }
  for (let k = 0; k < count; k++) w[k] /= total
  return w
}
