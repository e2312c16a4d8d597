import { RecModel } from "./train"
import { scoreInto, topK } from "./score"
import { prior } from "./weights"
import { DEFAULT_SCORE, Id, ScoreOptions } from "./types"

export interface SimilarItem {
  item: Id
  score: number
}

/**
 * "Players of X also played": the one-item history case of the user scorer, without the
 * popularity prior by default so the list reflects the item rather than the charts.
 */
export function similarItems(
  model: RecModel,
  item: Id,
  k: number,
  opts: Partial<ScoreOptions> = {}
): SimilarItem[] {
  const idx = model.indexOf(item)
  if (idx === undefined) return []
  const o = { ...DEFAULT_SCORE, wPopularity: 0, ...opts, historyLength: 1 }
  const out = new Float64Array(model.size)
  scoreInto(model, [idx], o, out)
  const base = prior(model, o)
  const banned = new Uint8Array(model.size)
  banned[idx] = 1
  // Items reached only through the prior are not "similar".
  for (let i = 0; i < out.length; i++) if (out[i] <= base[i]) banned[i] = 1
  return topK(out, banned, k).map((i) => ({ item: model.ids[i], score: out[i] }))
}
