import { topNeighbors } from "./neighbors"
import { invPow, recencyWeights, recentDistinct } from "./weights"
import type { RecModel } from "./train"
import type { ScoreOptions } from "./types"
import { neighbourUsers } from "./userknn"

/**
 * How much each history position (same indexing as `history`) adds to item b's score,
 * mirroring scoreInto term by term; the prior is the remainder. Used for "because you
 * played X" on the few items actually shown, so it can afford per-pair lookups.
 */
export function contributions(model: RecModel, history: readonly number[], b: number, o: ScoreOptions): number[] {
  const parts = new Array<number>(history.length).fill(0)
  const pos = (h: number) => history.lastIndexOf(h)
  const hist = recentDistinct(history, o.historyLength)
  if (hist.length === 0) return parts
  const w = recencyWeights(hist.length, o.recency)
  const invBeta = invPow(model, o.beta)
  const invTarget = invPow(model, 1 - o.alpha)
  const invSource = invPow(model, o.alpha)
  const inv1 = invPow(model, 1)
  for (let k = 0; k < hist.length; k++) {
    const h = hist[k]
    let c = 0
    const t = model.trans[h].get(b)
    if (t !== undefined) c += w[k] * o.wTransition * inv1[h] * t * invBeta[b]
    const v = model.co[h].get(b)
    if (v !== undefined) c += (w[k] * o.wCooccur * invSource[h] * v * invTarget[b] * v) / (v + o.shrink)
    if (o.wTwoHop !== 0 && k < o.twoHopHistory) {
      const first = topNeighbors(model, h, o.twoHopK, o.alpha)
      for (let x = 0; x < first.items.length; x++) {
        const second = topNeighbors(model, first.items[x], o.twoHopK, o.alpha)
        for (let y = 0; y < second.items.length; y++)
          if (second.items[y] === b) c += w[k] * o.wTwoHop * first.sims[x] * second.sims[y]
      }
    }
    parts[pos(h)] += c
  }
  if (o.wUserKnn !== 0) {
    // A neighbour's similarity is a sum over the shared history items, so its vote for b
    // splits exactly between them.
    const nb = neighbourUsers(model, hist, w, o)
    for (let x = 0; x < nb.users.length; x++) {
      const seq = model.userSeqs[nb.users[x]]
      if (!seq.seen.has(b)) continue
      const f = o.wUserKnn / (nb.total * Math.sqrt(seq.items.length))
      for (let k = 0; k < hist.length; k++) {
        // Credited only if this neighbour was reached through hist[k]'s sampled users.
        const users = model.itemUsers[hist[k]]
        const at = users.lastIndexOf(seq.index)
        if (at >= 0 && at >= users.length - o.userSample) parts[pos(hist[k])] += f * w[k]
      }
    }
  }
  const e = model.embedding
  if (o.wEmbed !== 0 && e && b < e.size) {
    const long = recentDistinct(history, o.embedHistory).filter((h) => h < e.size)
    const we = recencyWeights(long.length, o.embedRecency)
    const k = e.dim
    for (let j = 0; j < long.length; j++) {
      const h = long[j]
      let s = 0
      for (let r = 0; r < k; r++) {
        const qr = e.q[h * k + r]
        if (qr === 0) continue
        let row = 0
        for (let c = 0; c < k; c++) row += e.b[r * k + c] * e.q[b * k + c]
        s += qr * row
      }
      parts[pos(h)] += o.wEmbed * we[j] * s
    }
  }
  return parts
}
