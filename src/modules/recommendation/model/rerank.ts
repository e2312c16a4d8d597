import { rng } from "./evaluation"
import { scoreInto } from "./score"
import type { RecModel } from "./train"
import { DEFAULT_SCORE, Id, ScoreOptions } from "./types"
import { invPow, prior, recentDistinct } from "./weights"

/**
 * Second stage: a small learnt scorer over a handful of candidates per user, fed with each
 * evidence source of `scoreInto` separately (instead of their fixed weighted sum) plus the
 * item's popularity and the user's history length, so it can learn how much to trust each
 * source for, say, a short history or a niche item. It is learnt from held-out "next items"
 * (in the offline evaluation: the validation item of users outside the evaluated sample),
 * never from the items it is scored on.
 */
export interface Reranker {
  /** Names of the input features, in order (see `FEATURE_NAMES`). */
  features: string[]
  /** Per input: mean and 1/std used to standardise it. */
  mean: number[]
  scale: number[]
  hidden: number
  /** hidden x inputs, row-major; hidden biases; output weights per hidden unit; linear skip per input. */
  w1: number[]
  b1: number[]
  w2: number[]
  skip: number[]
}

export interface RerankOptions {
  hidden: number
  epochs: number
  learningRate: number
  /** L2 penalty on the weights. */
  l2: number
  seed: number
  /** `learnReranker`: uniform negatives drawn per example. */
  negatives: number
}

// Chosen on the validation split (scripts/eval-recs.ts, RECS_GRID=rerank): validation HR@10
// 0.7688 here; hidden 8 0.7671, 32 0.7698, 32 with 100 negatives 0.7710 but 124 s to learn
// instead of 47 s, 20 epochs no better, an average of three nets no better. The small gains
// are within noise, so the faster setting is kept.
export const DEFAULT_RERANK: RerankOptions = { hidden: 16, epochs: 10, learningRate: 0.003, l2: 1e-5, seed: 11, negatives: 50 }

/** One "what came next" observation: `next` must be held out of the model's events. */
export interface RerankExample {
  history: readonly Id[]
  next: Id
  /** Never drawn as negatives (e.g. everything the user ever had). History and next never are. */
  exclude?: Iterable<Id>
}

/**
 * Learns a reranker for `model` from held-out next items: each example's next item against
 * `negatives` items drawn uniformly from the model's other items. Examples whose next item
 * the model never saw are skipped (nothing ranks them). `score` = the first stage's settings.
 * For the store: train a model on the events before a cut-off, take each user's first item
 * after it as `next`, learn, then attach the reranker to the model trained on everything
 * (the offline evaluation does exactly this with its validation and test phases).
 */
export function learnReranker(
  model: RecModel,
  examples: Iterable<RerankExample>,
  opts: Partial<RerankOptions> = {},
  score: Partial<ScoreOptions> = {}
): Reranker {
  const ro = { ...DEFAULT_RERANK, ...opts }
  const o = { ...DEFAULT_SCORE, ...score }
  const rand = rng(ro.seed * 7919 + 1)
  const G = ro.negatives + 1
  const rows: Float64Array[] = []
  const cand = new Int32Array(G)
  for (const ex of examples) {
    const t = model.indexOf(ex.next)
    if (t === undefined) continue
    const hist = ex.history.map((id) => model.indexOf(id) ?? -1)
    const banned = new Set<number>(hist)
    banned.add(t)
    for (const id of ex.exclude ?? []) {
      const i = model.indexOf(id)
      if (i !== undefined) banned.add(i)
    }
    if (model.size - banned.size < ro.negatives) continue
    cand[0] = t
    const taken = new Set<number>()
    for (let j = 1; j < G; ) {
      const c = Math.floor(rand() * model.size)
      if (banned.has(c) || taken.has(c)) continue
      taken.add(c)
      cand[j++] = c
    }
    const raw = new Float64Array(G * RAW)
    rawFeatures(model, hist, o, cand, raw)
    rows.push(raw)
  }
  if (rows.length === 0) throw new Error("learnReranker: no example with a next item the model knows")
  const all = new Float64Array(rows.length * G * RAW)
  rows.forEach((r, i) => all.set(r, i * G * RAW))
  return fitReranker(all, rows.length, G, ro)
}

/** Raw per-candidate signals; the reranker also gets log1p of the non-negative ones. */
export const FEATURE_NAMES = [
  "fused",
  "transition",
  "cooccur",
  "twoHop",
  "userKnn",
  "embed",
  "lastTransition",
  "lastCooccur",
  "logCount",
  "logRecent",
  "logHistory",
  "prevTransition",
  "prevCooccur",
  "coverage",
  "historyPopularity",
  "position",
  "lastEmbed",
  "lastNext",
  "prevNext",
] as const
const RAW = FEATURE_NAMES.length
/** These are non-negative evidence: they also enter as log1p(x / typical x). */
const LOGGED = [1, 2, 3, 4, 6, 7, 11, 12, 17, 18]
export const INPUTS = RAW + LOGGED.length

/** Scratch buffers per model size, so per-user calls do not allocate dense arrays. */
const scratch = new WeakMap<RecModel, Float64Array[]>()

/**
 * Raw features (RAW per candidate, candidate-major) of `candidates` (model indices; -1 =
 * unknown item, gets zeros) for one history. `o` are the fused scorer's settings.
 */
export function rawFeatures(
  model: RecModel,
  history: readonly number[],
  o: ScoreOptions,
  candidates: ArrayLike<number>,
  out: Float64Array
): void {
  const n = model.size
  let bufs = scratch.get(model)
  if (!bufs || bufs[0].length < n) {
    // Index 0 is unused: the fused score is recomposed from the sources below.
    bufs = Array.from({ length: 7 }, () => new Float64Array(n))
    scratch.set(model, bufs)
  }
  const only = Int32Array.from(candidates as ArrayLike<number>, (c) => (c >= 0 ? c : -1))
  const none = { wTransition: 0, wCooccur: 0, wTwoHop: 0, wUserKnn: 0, wEmbed: 0, wPopularity: 0 }
  // Each source alone at weight 1 (an off source is still a feature); the fused score is
  // their weighted sum plus the prior, exactly as scoreInto adds them.
  const parts: Partial<ScoreOptions>[] = [
    { ...none, wTransition: 1 },
    { ...none, wCooccur: 1 },
    { ...none, wTwoHop: 1 },
    { ...none, wUserKnn: 1 },
    { ...none, wEmbed: 1 },
    { ...none, wEmbed: 1, embedHistory: 1 },
  ]
  const hasEmbed = model.embedding !== undefined
  for (let p = 0; p < parts.length; p++) {
    if (p >= 4 && !hasEmbed) continue
    scoreInto(model, history, { ...o, ...parts[p] }, bufs[p + 1].subarray(0, n), only)
  }
  const weights = [o.wTransition, o.wCooccur, o.wTwoHop, o.wUserKnn, hasEmbed ? o.wEmbed : 0]
  const base = prior(model, o)
  const pos = meanPosition(model)
  const maxC = Math.log1p(model.maxCount || 1)
  const maxR = Math.log1p(model.maxRecent || 1)
  const hist = recentDistinct(history, o.historyLength)
  const logH = Math.log1p(recentDistinct(history, Infinity).length)
  let histPop = 0
  for (const h of hist) histPop += Math.log1p(model.count[h]) / maxC
  histPop = hist.length > 0 ? histPop / hist.length : 0
  const inv1 = invPow(model, 1)
  const invA = invPow(model, o.alpha)
  const invB = invPow(model, 1 - o.alpha)
  const last = hist.length > 0 ? hist[0] : -1
  const prev = hist.length > 1 ? hist[1] : -1
  const trans = (h: number, c: number) => (h >= 0 ? (model.trans[h].get(c) ?? 0) * inv1[h] : 0)
  const next = nextItems(model)
  const nextOf = (h: number, c: number) => (h >= 0 ? (next[h].get(c) ?? 0) * inv1[h] : 0)
  const co = (h: number, c: number) => (h >= 0 ? (model.co[h].get(c) ?? 0) * invA[h] * invB[c] : 0)
  for (let x = 0; x < candidates.length; x++) {
    const c = candidates[x]
    const row = x * RAW
    for (let f = 0; f < RAW; f++) out[row + f] = 0
    out[row + 10] = logH
    out[row + 14] = histPop
    if (c < 0 || c >= n) continue
    let fused = base[c]
    for (let p = 0; p < 5; p++) {
      const v = p === 4 && !hasEmbed ? 0 : bufs[p + 1][c]
      out[row + 1 + p] = v
      fused += weights[p] * v
    }
    out[row] = fused
    out[row + 16] = hasEmbed ? bufs[6][c] : 0
    out[row + 17] = nextOf(last, c)
    out[row + 18] = nextOf(prev, c)
    out[row + 15] = pos[c]
    out[row + 6] = trans(last, c)
    out[row + 7] = co(last, c)
    out[row + 8] = Math.log1p(model.count[c]) / maxC
    out[row + 9] = Math.log1p(Math.max(0, model.recent[c])) / maxR
    out[row + 11] = trans(prev, c)
    out[row + 12] = co(prev, c)
    let cov = 0
    for (const h of hist) if (model.co[h].has(c)) cov++
    out[row + 13] = hist.length > 0 ? cov / hist.length : 0
  }
}

/** Per item, how much each item came directly after it (distance 1 only, unlike `trans`). */
export function nextItems(model: RecModel): ReadonlyArray<ReadonlyMap<number, number>> {
  return model.next
}

/**
 * Per item, its mean relative position in its users' histories (0 = first item, 1 = the
 * latest): a stand-in for how new the item is, since the events carry the order only.
 */
export function meanPosition(model: RecModel): Float64Array {
  return model.cached("position", () => {
    const sum = new Float64Array(model.size)
    const cnt = new Float64Array(model.size)
    for (const seq of model.userSeqs) {
      const len = seq.items.length
      if (len < 2) continue
      for (let j = 0; j < len; j++) {
        sum[seq.items[j]] += j / (len - 1)
        cnt[seq.items[j]]++
      }
    }
    for (let i = 0; i < sum.length; i++) sum[i] = cnt[i] > 0 ? sum[i] / cnt[i] : 0.5
    return sum
  })
}

/** Standardised inputs of one candidate from its raw row; `typ` = typical value per logged feature. */
function inputs(raw: Float64Array, at: number, typ: number[], dst: Float64Array): void {
  for (let f = 0; f < RAW; f++) dst[f] = raw[at + f]
  for (let j = 0; j < LOGGED.length; j++) dst[RAW + j] = Math.log1p(Math.max(0, raw[at + LOGGED[j]]) / typ[j])
}

function typical(r: Reranker): number[] {
  // Stored after the standardisation constants as the last LOGGED.length entries of `mean`.
  return r.mean.slice(INPUTS)
}

/**
 * Scores of candidates whose raw features are in `raw` (RAW per candidate). Higher is better;
 * only comparable within one user.
 */
export function rerankScores(r: Reranker, raw: Float64Array, count: number, out: Float64Array): void {
  const typ = typical(r)
  const x = new Float64Array(INPUTS)
  const h = new Float64Array(r.hidden)
  for (let c = 0; c < count; c++) {
    inputs(raw, c * RAW, typ, x)
    out[c] = forward(r, x, h)
  }
}

function forward(r: Reranker, x: Float64Array, h: Float64Array): number {
  for (let i = 0; i < INPUTS; i++) x[i] = (x[i] - r.mean[i]) * r.scale[i]
  let s = 0
  for (let i = 0; i < INPUTS; i++) s += r.skip[i] * x[i]
  for (let u = 0; u < r.hidden; u++) {
    let a = r.b1[u]
    const row = u * INPUTS
    for (let i = 0; i < INPUTS; i++) a += r.w1[row + i] * x[i]
    h[u] = Math.tanh(a)
    s += r.w2[u] * h[u]
  }
  return s
}

/**
 * Fits the reranker by softmax cross-entropy over each group of candidates (`group` rows of
 * `raw`, the true next item first), with Adam. `raw` holds `groups * group * RAW` values.
 */
export function fitReranker(
  raw: Float64Array,
  groups: number,
  group: number,
  opts: Partial<RerankOptions> = {}
): Reranker {
  const { hidden, epochs, learningRate, l2, seed } = { ...DEFAULT_RERANK, ...opts }
  const rows = groups * group
  // Typical value of each logged feature: mean of its positive values.
  const typ = LOGGED.map((f) => {
    let s = 0
    let k = 0
    for (let i = 0; i < rows; i++) {
      const v = raw[i * RAW + f]
      if (v > 0) (s += v, k++)
    }
    return k > 0 && s > 0 ? s / k : 1
  })
  const X = new Float64Array(rows * INPUTS)
  const tmp = new Float64Array(INPUTS)
  for (let i = 0; i < rows; i++) {
    inputs(raw, i * RAW, typ, tmp)
    X.set(tmp, i * INPUTS)
  }
  const mean = new Array<number>(INPUTS).fill(0)
  const scale = new Array<number>(INPUTS).fill(1)
  for (let f = 0; f < INPUTS; f++) {
    let s = 0
    let s2 = 0
    for (let i = 0; i < rows; i++) {
      const v = X[i * INPUTS + f]
      s += v
      s2 += v * v
    }
    const m = s / rows
    const sd = Math.sqrt(Math.max(0, s2 / rows - m * m))
    mean[f] = m
    scale[f] = sd > 1e-12 ? 1 / sd : 0
  }
  for (let i = 0; i < rows; i++) for (let f = 0; f < INPUTS; f++) X[i * INPUTS + f] = (X[i * INPUTS + f] - mean[f]) * scale[f]

  const rand = rng(seed)
  const H = hidden
  // Parameters in one vector: w1 (H*INPUTS), b1 (H), w2 (H), skip (INPUTS).
  const P = H * INPUTS + H + H + INPUTS
  const theta = new Float64Array(P)
  const oB1 = H * INPUTS
  const oW2 = oB1 + H
  const oSkip = oW2 + H
  for (let i = 0; i < H * INPUTS; i++) theta[i] = (rand() - 0.5) * (2 / Math.sqrt(INPUTS))
  for (let u = 0; u < H; u++) theta[oW2 + u] = (rand() - 0.5) * 0.2
  // Start from the fused score alone: the reranker begins as the first stage.
  theta[oSkip + 0] = 1
  const grad = new Float64Array(P)
  const m1 = new Float64Array(P)
  const m2 = new Float64Array(P)
  const b1 = 0.9
  const b2 = 0.999
  let step = 0
  const batch = 64
  const order = Array.from({ length: groups }, (_, i) => i)
  const hAct = new Float64Array(group * H)
  const score = new Float64Array(group)
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }
    for (let start = 0; start < groups; start += batch) {
      grad.fill(0)
      const end = Math.min(groups, start + batch)
      for (let bi = start; bi < end; bi++) {
        const g0 = order[bi] * group
        let mx = -Infinity
        for (let c = 0; c < group; c++) {
          const xo = (g0 + c) * INPUTS
          let s = 0
          for (let i = 0; i < INPUTS; i++) s += theta[oSkip + i] * X[xo + i]
          for (let u = 0; u < H; u++) {
            let a = theta[oB1 + u]
            const wr = u * INPUTS
            for (let i = 0; i < INPUTS; i++) a += theta[wr + i] * X[xo + i]
            const hv = Math.tanh(a)
            hAct[c * H + u] = hv
            s += theta[oW2 + u] * hv
          }
          score[c] = s
          if (s > mx) mx = s
        }
        let z = 0
        for (let c = 0; c < group; c++) z += Math.exp(score[c] - mx)
        for (let c = 0; c < group; c++) {
          // d loss / d score_c = softmax_c - [c is the true item]
          const d = Math.exp(score[c] - mx) / z - (c === 0 ? 1 : 0)
          if (Math.abs(d) < 1e-9) continue
          const xo = (g0 + c) * INPUTS
          for (let i = 0; i < INPUTS; i++) grad[oSkip + i] += d * X[xo + i]
          for (let u = 0; u < H; u++) {
            const hv = hAct[c * H + u]
            grad[oW2 + u] += d * hv
            const da = d * theta[oW2 + u] * (1 - hv * hv)
            grad[oB1 + u] += da
            const wr = u * INPUTS
            for (let i = 0; i < INPUTS; i++) grad[wr + i] += da * X[xo + i]
          }
        }
      }
      const nb = end - start
      step++
      const c1 = 1 - Math.pow(b1, step)
      const c2 = 1 - Math.pow(b2, step)
      for (let p = 0; p < P; p++) {
        const g = grad[p] / nb + l2 * theta[p]
        m1[p] = b1 * m1[p] + (1 - b1) * g
        m2[p] = b2 * m2[p] + (1 - b2) * g * g
        theta[p] -= (learningRate * (m1[p] / c1)) / (Math.sqrt(m2[p] / c2) + 1e-8)
      }
    }
  }
  return {
    features: [...FEATURE_NAMES, ...LOGGED.map((f) => `log:${FEATURE_NAMES[f]}`)],
    // `typ` rides along at the end of `mean` (see `typical`).
    mean: [...mean, ...typ],
    scale,
    hidden: H,
    w1: Array.from(theta.subarray(0, oB1)),
    b1: Array.from(theta.subarray(oB1, oW2)),
    w2: Array.from(theta.subarray(oW2, oSkip)),
    skip: Array.from(theta.subarray(oSkip, P)),
  }
}

/** Number of raw features per candidate (`rawFeatures` writes this many per row). */
export const RAW_FEATURES = RAW

/**
 * Reranker scores of `candidates` (model indices, -1 = unknown: -Infinity) for a history:
 * `rawFeatures` then `rerankScores`.
 */
export function rerankCandidates(
  model: RecModel,
  r: Reranker,
  history: readonly number[],
  o: ScoreOptions,
  candidates: ArrayLike<number>
): Float64Array {
  const raw = new Float64Array(candidates.length * RAW)
  rawFeatures(model, history, o, candidates, raw)
  const out = new Float64Array(candidates.length)
  rerankScores(r, raw, candidates.length, out)
  for (let i = 0; i < candidates.length; i++) if (!(candidates[i] >= 0 && candidates[i] < model.size)) out[i] = -Infinity
  return out
}
