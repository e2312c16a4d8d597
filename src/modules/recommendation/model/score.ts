import { addEmbedding } from "./embed"
import { contributions } from "./explain"
import { topNeighbors } from "./neighbors"
import { RecModel } from "./train"
import { addUserKnn, neighbourUsers } from "./userknn"
import { rerankCandidates } from "./rerank"
import { invPow, prior, recentDistinct, recencyWeights } from "./weights"
import { DEFAULT_SCORE, Id, Recommendation, ScoreOptions } from "./types"

/**
 * `only`: when set, the dense embedding term is computed for these indices alone (the
 * others keep the sparse evidence only) -- for callers that need a handful of scores.
 *
 * Dense scores for every model item given a history of model indices (oldest first).
 * Writing into a caller-owned buffer keeps the evaluation loop allocation-free.
 */
export function scoreInto(
  model: RecModel,
  history: readonly number[],
  o: ScoreOptions,
  out: Float64Array,
  only?: ArrayLike<number>
): void {
  const n = model.size
  const base = prior(model, o)
  out.set(base.subarray(0, n))
  const hist = recentDistinct(history, o.historyLength)
  if (hist.length === 0) return
  evidence(model, hist, o, out)
  if (o.wUserKnn !== 0) {
    const nb = neighbourUsers(model, hist, recencyWeights(hist.length, o.recency), o)
    addUserKnn(model, nb, o, out)
  }
  if (o.wEmbed !== 0 && model.embedding) {
    const long = recentDistinct(history, o.embedHistory)
    addEmbedding(model.embedding, long, o, out, n, only)
  }
}

/** The sparse neighbour evidence. explain.ts mirrors these formulas for one pair. */
function evidence(model: RecModel, hist: number[], o: ScoreOptions, out: Float64Array): void {
  const invBeta = invPow(model, o.beta)
  const invTarget = invPow(model, 1 - o.alpha)
  const invSource = invPow(model, o.alpha)
  const inv1 = invPow(model, 1)
  // Weights sum to 1 so the evidence stays on the prior's scale whatever the history
  // length, and one wPopularity works for every user.
  const weights = recencyWeights(hist.length, o.recency)
  for (let k = 0; k < hist.length; k++) {
    const h = hist[k]
    const rw = weights[k]
    if (o.wTransition !== 0) {
      const f = rw * o.wTransition * inv1[h]
      for (const [b, v] of model.trans[h]) {
        out[b] += f * v * invBeta[b]
      }
    }
    if (o.wCooccur !== 0) {
      const f = rw * o.wCooccur * invSource[h]
      const lam = o.shrink
      for (const [b, v] of model.co[h]) {
        out[b] += (f * v * invTarget[b] * v) / (v + lam)
      }
    }
    if (o.wTwoHop !== 0 && k < o.twoHopHistory) {
      const first = topNeighbors(model, h, o.twoHopK, o.alpha)
      for (let x = 0; x < first.items.length; x++) {
        const f = rw * o.wTwoHop * first.sims[x]
        const second = topNeighbors(model, first.items[x], o.twoHopK, o.alpha)
        for (let y = 0; y < second.items.length; y++) {
          out[second.items[y]] += f * second.sims[y]
        }
      }
    }
  }
}

/**
 * Top-k items for a history of store ids (oldest first). `exclude` (owned games, the
 * history itself is always excluded) never comes back. Unknown ids are ignored, so a brand
 * new user gets the popularity ranking.
 */
export function recommend(
  model: RecModel,
  history: readonly Id[],
  k: number,
  exclude: Iterable<Id> = [],
  opts: Partial<ScoreOptions> = {}
): Recommendation[] {
  const o = { ...DEFAULT_SCORE, ...opts }
  const n = model.size
  const hist = history.map((id) => model.indexOf(id) ?? -1)
  const out = new Float64Array(n)
  scoreInto(model, hist, o, out)

  const banned = new Uint8Array(n)
  for (const h of hist) if (h >= 0) banned[h] = 1
  for (const id of exclude) {
    const i = model.indexOf(id)
    if (i !== undefined) banned[i] = 1
  }
  const base = prior(model, o)
  let picked = topK(out, banned, k)
  if (model.reranker && k > 0) {
    // Second stage over a wider first-stage list; `score` stays the first-stage score.
    const wide = topK(out, banned, Math.max(k, RERANK_DEPTH))
    const rs = rerankCandidates(model, model.reranker, hist, o, wide)
    picked = wide
      .map((i, x) => ({ i, s: rs[x] }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, k)
      .map((x) => x.i)
  }
  return picked.map((i) => {
    // Explaining only the k winners keeps the scoring loop free of bookkeeping.
    const parts = contributions(model, hist, i, o)
    let from = -1
    for (let j = 0; j < parts.length; j++) if (parts[j] > 0 && (from < 0 || parts[j] > parts[from])) from = j
    const because = from >= 0 && parts[from] > base[i] ? history[from] : ("popular" as const)
    return { item: model.ids[i], score: out[i], because }
  })
}

/** How many first-stage candidates `recommend` hands to an attached reranker. */
export const RERANK_DEPTH = 100

/** Indices of the k largest finite scores not banned; ties go to the lower index. */
export function topK(scores: Float64Array, banned: Uint8Array, k: number): number[] {
  const picked: number[] = []
  if (k <= 0) return picked
  // A bounded insertion list is plenty for the small k a store page shows.
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]
    if (banned[i] || !Number.isFinite(s)) continue
    if (picked.length === k && s <= scores[picked[k - 1]]) continue
    let j = picked.length < k ? picked.length : k - 1
    picked[j] = i
    while (j > 0 && scores[picked[j - 1]] < s) {
      picked[j] = picked[j - 1]
      picked[j - 1] = i
      j--
    }
  }
  return picked
}
