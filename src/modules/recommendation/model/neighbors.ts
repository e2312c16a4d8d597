import { RecModel } from "./train"

interface TopRow {
  stamp: number
  items: Int32Array
  sims: Float64Array
}

const tables = new WeakMap<RecModel, Map<string, (TopRow | undefined)[]>>()

/**
 * The `k` strongest co-occurrence neighbours of an item by damped cosine. Computed per item
 * on first use and recomputed only when that item's row changed, so a live model that gets
 * a trickle of events does not pay for a global rebuild. (Neighbours' counts drifting a
 * little between recomputes only affects the order of near-ties.)
 */
export function topNeighbors(model: RecModel, item: number, k: number, alpha: number): TopRow {
  let byKey = tables.get(model)
  if (!byKey) tables.set(model, (byKey = new Map()))
  const key = `${k}:${alpha}`
  let rows = byKey.get(key)
  if (!rows) byKey.set(key, (rows = []))
  const stamp = model.rowStamp[item]
  const hit = rows[item]
  if (hit && hit.stamp === stamp) return hit

  const na = Math.pow(model.count[item], alpha)
  const cand: { b: number; s: number }[] = []
  for (const [b, v] of model.co[item]) cand.push({ b, s: v / (na * Math.pow(model.count[b], 1 - alpha)) })
  cand.sort((x, y) => y.s - x.s || x.b - y.b)
  const n = Math.min(k, cand.length)
  const row: TopRow = { stamp, items: new Int32Array(n), sims: new Float64Array(n) }
  for (let i = 0; i < n; i++) {
    row.items[i] = cand[i].b
    row.sims[i] = cand[i].s
  }
  rows[item] = row
  return row
}
