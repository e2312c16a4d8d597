import type { RecModel } from "./train"
import type { ScoreOptions } from "./types"

export interface Neighbourhood {
  users: number[]
  sims: number[]
  /** Sum of the kept similarities: scores are "share of neighbour weight that has j". */
  total: number
}

/**
 * Users who share recent history items, weighted by how recent the shared item is for the
 * querying user and damped by the neighbour's history length (long histories share
 * something with everyone). Only the latest `userSample` users of each item are looked at,
 * which bounds the cost for blockbuster items and favours current behaviour.
 */
export function neighbourUsers(
  model: RecModel,
  hist: readonly number[],
  weights: Float64Array,
  o: ScoreOptions
): Neighbourhood {
  const acc = new Map<number, number>()
  for (let k = 0; k < hist.length; k++) {
    const users = model.itemUsers[hist[k]]
    const from = Math.max(0, users.length - o.userSample)
    for (let x = from; x < users.length; x++) acc.set(users[x], (acc.get(users[x]) ?? 0) + weights[k])
  }
  const ranked: { v: number; s: number }[] = []
  for (const [v, raw] of acc) ranked.push({ v, s: raw / Math.sqrt(model.userSeqs[v].items.length) })
  ranked.sort((a, b) => b.s - a.s || a.v - b.v)
  const kept = ranked.slice(0, o.userNeighbours)
  let total = 0
  for (const r of kept) total += r.s
  return { users: kept.map((r) => r.v), sims: kept.map((r) => r.s), total }
}

export function addUserKnn(model: RecModel, nb: Neighbourhood, o: ScoreOptions, out: Float64Array): void {
  if (nb.total <= 0) return
  for (let x = 0; x < nb.users.length; x++) {
    const f = (o.wUserKnn * nb.sims[x]) / nb.total
    for (const j of model.userSeqs[nb.users[x]].items) out[j] += f
  }
}
