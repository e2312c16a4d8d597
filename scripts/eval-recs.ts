/* Offline evaluation of the recommendation model on the SASRec "Games" split.
 * Run: npx ts-node --transpile-only scripts/eval-recs.ts
 * Env: RECS_DATASET (file), RECS_SEED (42), RECS_USERS (10000), RECS_GRID (small|full|rerank|none),
 * RECS_TRAIN / RECS_SCORE / RECS_EMBED / RECS_RERANK (JSON overrides), RECS_NO_RERANK=1 (first stage only). */
import { existsSync, readFileSync } from "fs"
import { gunzipSync } from "zlib"
import { resolve } from "path"
import { RecModel, train } from "../src/modules/recommendation/model/train"
import { scoreInto, topK } from "../src/modules/recommendation/model/score"
import {
  DEFAULT_RERANK,
  learnReranker,
  rerankCandidates,
  Reranker,
  RerankExample,
  RerankOptions,
} from "../src/modules/recommendation/model/rerank"
import { buildEmbedding, DEFAULT_EMBED, EmbedOptions } from "../src/modules/recommendation/model/embed"
import {
  fullRank,
  hitAt,
  ndcgAt,
  rng,
  sampledRank,
  sampleNegatives,
  shuffled,
} from "../src/modules/recommendation/model/evaluation"
import { DEFAULT_SCORE, DEFAULT_TRAIN, ScoreOptions, TrainOptions } from "../src/modules/recommendation/model/types"

const ROOT = resolve(__dirname, "..")
// RECS_DATASET is taken relative to the working directory; the default relative to the repo.
const DATASET = process.env.RECS_DATASET
  ? resolve(process.env.RECS_DATASET)
  : resolve(ROOT, "datasets/amazon-games/interactions.txt.gz")
const SEED = Number(process.env.RECS_SEED ?? 42)
const MAX_USERS = Number(process.env.RECS_USERS ?? 10000)
const NEGATIVES = 100
const K = 10
// "small" (default): a bounded grid around the chosen fusion weights; "full": coordinate
// search over every knob (slow, how the chosen settings were found); "rerank": the default
// first stage plus a few reranker alternatives (how DEFAULT_RERANK was checked); "none".
const GRID = process.env.RECS_GRID ?? "small"

type Phase = "validation" | "test"

interface Data {
  seqs: number[][] // by user index, item ids in time order
  itemCount: number
  lines: number
}

function load(): Data {
  if (!existsSync(DATASET)) {
    console.error(`eval-recs: dataset not found at ${DATASET}\n  set RECS_DATASET to the interactions file (lines "USER ITEM").`)
    process.exit(2)
  }
  const raw = readFileSync(DATASET)
  const text = (DATASET.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8")
  const byUser = new Map<number, number[]>()
  let itemCount = 0
  let lines = 0
  for (const line of text.split("\n")) {
    if (!line) continue
    const sp = line.indexOf(" ")
    const u = Number(line.slice(0, sp))
    const i = Number(line.slice(sp + 1))
    if (!Number.isInteger(u) || !Number.isInteger(i)) throw new Error(`bad line ${lines + 1}: ${line}`)
    lines++
    if (i > itemCount) itemCount = i
    let s = byUser.get(u)
    if (!s) byUser.set(u, (s = []))
    s.push(i)
  }
  const users = [...byUser.keys()].sort((a, b) => a - b)
  return { seqs: users.map((u) => byUser.get(u)!), itemCount, lines }
}

interface Split {
  model: RecModel
  trainSeconds: number
  histories: number[][] // per evaluated user, model indices, oldest first
  targets: number[] // item ids
  negatives: number[][] // item ids
  owned: Set<number>[] // item ids of the history (excluded from full ranking)
}

/** Validation: history = all but the last two; test: all but the last (validation included). */
function cut(seq: number[], phase: Phase): number {
  if (seq.length < 3) return seq.length
  return seq.length - (phase === "validation" ? 2 : 1)
}

function buildSplit(d: Data, users: number[], phase: Phase, topts: TrainOptions, eopts?: EmbedOptions): Split {
  const t0 = performance.now()
  const events = function* () {
    for (let u = 0; u < d.seqs.length; u++) {
      const s = d.seqs[u]
      const end = cut(s, phase)
      for (let j = 0; j < end; j++) yield { user: u, item: s[j] }
    }
  }
  const model = train(events(), topts)
  if (eopts) model.embedding = buildEmbedding(model, eopts)
  const trainSeconds = (performance.now() - t0) / 1000
  // Same negatives for every model and grid point of a phase.
  const rand = rng(SEED * 1000 + (phase === "validation" ? 1 : 2))
  const split: Split = { model, trainSeconds, histories: [], targets: [], negatives: [], owned: [] }
  for (const u of users) {
    const s = d.seqs[u]
    const end = cut(s, phase)
    split.histories.push(s.slice(0, end).map((i) => model.indexOf(i) ?? -1))
    split.targets.push(s[end])
    split.negatives.push(sampleNegatives(rand, d.itemCount, new Set(s), NEGATIVES))
    split.owned.push(new Set(s.slice(0, end)))
  }
  return split
}

interface Result {
  hr: number
  ndcg: number
  fullHr?: number
  fullNdcg?: number
  seconds: number
}

function evaluate(d: Data, sp: Split, o: ScoreOptions, full: boolean, rr?: Reranker): Result {
  const t0 = performance.now()
  const m = sp.model
  const out = new Float64Array(m.size)
  const mark = new Uint8Array(m.size)
  const toIdx = new Int32Array(d.itemCount + 1).fill(-1)
  for (let i = 0; i < m.size; i++) toIdx[m.ids[i] as number] = i
  const neg = new Float64Array(NEGATIVES)
  let hr = 0, ndcg = 0, fhr = 0, fndcg = 0
  const n = sp.targets.length
  const only = new Int32Array(NEGATIVES + 1)
  for (let u = 0; u < n; u++) {
    if (!full) {
      only[0] = toIdx[sp.targets[u]]
      for (let j = 0; j < NEGATIVES; j++) only[j + 1] = toIdx[sp.negatives[u][j]]
    }
    scoreInto(m, sp.histories[u], o, out, full ? undefined : only)
    // An item the model never saw has no score at all: it ranks below every known item
    // (and, ties being pessimistic, an unseen target is always a miss).
    const at = (id: number) => (toIdx[id] >= 0 ? out[toIdx[id]] : -Infinity)
    const target = sp.targets[u]
    const negs = sp.negatives[u]
    for (let j = 0; j < NEGATIVES; j++) neg[j] = at(negs[j])
    let r: number
    if (rr) {
      // Second stage over the target and its negatives (unknown items stay -Infinity).
      only[0] = toIdx[target]
      for (let j = 0; j < NEGATIVES; j++) only[j + 1] = toIdx[negs[j]]
      const rs = rerankCandidates(m, rr, sp.histories[u], o, only)
      r = sampledRank(rs[0], rs.subarray(1))
    } else r = sampledRank(at(target), neg)
    hr += hitAt(r, K)
    ndcg += ndcgAt(r, K)
    if (full && rr) {
      // Full ranking with the second stage: it reorders the first stage's top RERANK_TOP
      // (history excluded); a target outside them keeps its first-stage rank (>= RERANK_TOP).
      const ti = toIdx[target]
      for (const i of sp.owned[u]) if (toIdx[i] >= 0) mark[toIdx[i]] = 1
      const wide = topK(out, mark, RERANK_TOP)
      const at = ti >= 0 ? wide.indexOf(ti) : -1
      let fr: number
      if (at >= 0) {
        const rs = rerankCandidates(m, rr, sp.histories[u], o, wide)
        fr = 0
        for (let x = 0; x < wide.length; x++) if (x !== at && rs[x] >= rs[at]) fr++
      } else fr = ti >= 0 ? fullRank(out, ti, (i) => mark[i] === 1) : d.itemCount
      for (const i of sp.owned[u]) if (toIdx[i] >= 0) mark[toIdx[i]] = 0
      fhr += hitAt(fr, K)
      fndcg += ndcgAt(fr, K)
    } else if (full) {
      // Rank in model space: unseen items rank below every known one (see `at`).
      const ti = toIdx[target]
      for (const i of sp.owned[u]) if (toIdx[i] >= 0) mark[toIdx[i]] = 1
      const fr = ti >= 0 ? fullRank(out, ti, (i) => mark[i] === 1) : d.itemCount
      for (const i of sp.owned[u]) if (toIdx[i] >= 0) mark[toIdx[i]] = 0
      fhr += hitAt(fr, K)
      fndcg += ndcgAt(fr, K)
    }
  }
  const res: Result = { hr: hr / n, ndcg: ndcg / n, seconds: (performance.now() - t0) / 1000 }
  if (full) {
    res.fullHr = fhr / n
    res.fullNdcg = fndcg / n
  }
  return res
}

const f4 = (x?: number) => (x === undefined ? "   -  " : x.toFixed(4))
function line(name: string, r: Result, extra = ""): string {
  return `${name.padEnd(34)} HR@10 ${f4(r.hr)}  NDCG@10 ${f4(r.ndcg)}  full HR@10 ${f4(r.fullHr)}  full NDCG@10 ${f4(r.fullNdcg)}  (${r.seconds.toFixed(1)}s)${extra}`
}

const RERANK_TOP = 100
const CHOSEN_RERANK: RerankOptions = { ...DEFAULT_RERANK, ...JSON.parse(process.env.RECS_RERANK ?? "{}") }

/**
 * The reranker learns from the validation item of eligible users outside the evaluated
 * sample (uniform negatives of its own draw) on top of the validation-phase model.
 */
function fitSecondStage(
  d: Data,
  sp: Split,
  learners: number[],
  o: ScoreOptions,
  ro: RerankOptions
): { rr: Reranker; seconds: number } {
  const t0 = performance.now()
  const examples = function* (): Generator<RerankExample> {
    for (const u of learners) {
      const s = d.seqs[u]
      const end = cut(s, "validation")
      yield { history: s.slice(0, end), next: s[end], exclude: s }
    }
  }
  const rr = learnReranker(sp.model, examples(), ro, o)
  return { rr, seconds: (performance.now() - t0) / 1000 }
}

const better = (a: Result, b: Result) => a.hr > b.hr + 1e-12 || (Math.abs(a.hr - b.hr) <= 1e-12 && a.ndcg > b.ndcg)

// Baselines, expressed as settings of the same scorer.
const SCORE_BASE: ScoreOptions = { ...DEFAULT_SCORE, wUserKnn: 0, wEmbed: 0, wTwoHop: 0 }
const POP: ScoreOptions = { ...SCORE_BASE, wTransition: 0, wCooccur: 0, wPopularity: 1, recentShare: 0 }
const KNN: ScoreOptions = { ...SCORE_BASE, historyLength: 100000, recency: 1, wTransition: 0, wCooccur: 1, alpha: 0.5, wPopularity: 0 }
const KNN_TRAIN: TrainOptions = { ...DEFAULT_TRAIN, coWindow: 100000, coStepDecay: 1 }

// The defaults in model/types.ts and model/embed.ts are the settings chosen on validation
// (RECS_GRID=full coordinate search plus a few targeted runs). Env overrides for
// experiments: RECS_TRAIN / RECS_SCORE / RECS_EMBED as JSON.
const CHOSEN_TRAIN: TrainOptions = { ...DEFAULT_TRAIN, ...JSON.parse(process.env.RECS_TRAIN ?? "{}") }
const CHOSEN_EMBED: EmbedOptions = { ...DEFAULT_EMBED, ...JSON.parse(process.env.RECS_EMBED ?? "{}") }
const CHOSEN_SCORE: ScoreOptions = { ...DEFAULT_SCORE, ...JSON.parse(process.env.RECS_SCORE ?? "{}") }

const SCORE_GRID: Partial<Record<keyof ScoreOptions, number[]>> = {
  wEmbed: [1, 2, 3, 5, 10],
  embedRecency: [0.7, 0.8, 0.9, 1],
  embedHistory: [10, 20, 50, 200],
  wPopularity: [0.02, 0.03, 0.05, 0.08, 0.12],
  recentShare: [0.5, 0.8, 1],
  popExponent: [0, 0.1, 0.2, 0.3],
  wTwoHop: [0, 1, 2, 3],
  twoHopK: [30, 50],
  wUserKnn: [0, 0.3, 1, 3],
  wTransition: [0.5, 1, 2, 4],
  wCooccur: [0.5, 1, 2],
  alpha: [0.5, 0.6, 0.7, 0.8],
  recency: [0.5, 0.6, 0.7, 0.85],
  historyLength: [5, 10, 30],
}
const TRAIN_GRID: Partial<Record<keyof TrainOptions, number[]>> = {
  window: [3, 5, 8],
  coStepDecay: [0.85, 0.9, 0.95],
  recentWindow: [2, 3, 5],
}
const EMBED_GRID: Partial<Record<keyof EmbedOptions, number[]>> = {
  norm: [0.25, 0.3, 0.35],
}

function main() {
  const tStart = performance.now()
  const d = load()
  const eligible = d.seqs.map((s, u) => (s.length >= 3 ? u : -1)).filter((u) => u >= 0)
  const users = shuffled(eligible, rng(SEED)).slice(0, MAX_USERS).sort((a, b) => a - b)
  console.log(`dataset: ${DATASET}`)
  console.log(`  ${d.lines} interactions, ${d.seqs.length} users, ${d.itemCount} items; ${eligible.length} users with >= 3 actions`)
  console.log(`protocol: leave-one-out per user (last = test, second last = validation, rest = training);`)
  console.log(`  ${users.length} users sampled with seed ${SEED}; target vs ${NEGATIVES} distinct negatives drawn uniformly`)
  console.log(`  from items the user never interacted with; HR@${K}/NDCG@${K}; ties pessimistic (equal score ranks above).`)
  console.log(`  full ranking: target vs every item not in the user's history (same users).`)
  console.log(`  Users with < 3 actions only train. An item never seen in training ranks below all others.`)
  console.log(`  Hyper-parameters chosen on validation only; test models retrained with the validation item in the history.`)
  console.log(`  second stage: a small MLP reranker learnt from the validation items of the eligible users`)
  console.log(`  outside the sample (validation model, own negatives); reused unchanged for the test phase.`)
  console.log(`  Its full ranking reorders the first stage's top ${RERANK_TOP}; a target outside them keeps its first-stage rank.`)
  console.log(`  grid mode: ${GRID}\n`)

  // ---------- validation ----------
  console.log("== validation (train = all but last two; score the second-last item) ==")
  const vKnn = buildSplit(d, users, "validation", KNN_TRAIN)
  console.log(line("popularity", evaluate(d, vKnn, POP, true)))
  console.log(line("item-kNN cosine", evaluate(d, vKnn, KNN, true)))

  let bestT = { ...CHOSEN_TRAIN }
  let bestE = { ...CHOSEN_EMBED }
  let bestS = { ...CHOSEN_SCORE }
  let vSplit = buildSplit(d, users, "validation", bestT, bestE)
  console.log(`model built in ${vSplit.trainSeconds.toFixed(1)}s`)
  let best = evaluate(d, vSplit, bestS, false)
  console.log(line("start (chosen settings)", best))
  const tryScore = (label: string, cand: ScoreOptions) => {
    const r = evaluate(d, vSplit, cand, false)
    const win = better(r, best)
    console.log(line(`  ${label}`, r, win ? "  *" : ""))
    if (win) {
      best = r
      bestS = cand
    }
  }
  if (GRID === "small") {
    // Bounded re-check on validation of the weights that matter most (5 points).
    const c = { ...bestS }
    tryScore(`wEmbed=${c.wEmbed / 2}`, { ...c, wEmbed: c.wEmbed / 2 })
    tryScore(`wEmbed=${c.wEmbed * 2}`, { ...c, wEmbed: c.wEmbed * 2 })
    tryScore(`wPopularity=${c.wPopularity / 2}`, { ...c, wPopularity: c.wPopularity / 2 })
    tryScore(`wPopularity=${c.wPopularity * 2}`, { ...c, wPopularity: c.wPopularity * 2 })
    tryScore(`wUserKnn=0`, { ...c, wUserKnn: 0 })
  } else if (GRID === "full") {
    // Coordinate search: one knob at a time, keep what helps on validation.
    for (const [key, values] of Object.entries(SCORE_GRID) as [keyof ScoreOptions, number[]][])
      for (const v of values) if (v !== bestS[key]) tryScore(`${key}=${v}`, { ...bestS, [key]: v })
    const tryBuild = (label: string, t: TrainOptions, e: EmbedOptions) => {
      const sp = buildSplit(d, users, "validation", t, e)
      const r = evaluate(d, sp, bestS, false)
      const win = better(r, best)
      console.log(line(`  ${label}`, r, win ? "  *" : ""))
      if (win) {
        best = r
        bestT = t
        bestE = e
        vSplit = sp
      }
    }
    for (const [key, values] of Object.entries(TRAIN_GRID) as [keyof TrainOptions, number[]][])
      for (const v of values) if (v !== bestT[key]) tryBuild(`train ${key}=${v}`, { ...bestT, [key]: v }, bestE)
    for (const [key, values] of Object.entries(EMBED_GRID) as [keyof EmbedOptions, number[]][])
      for (const v of values) if (v !== bestE[key]) tryBuild(`embed ${key}=${v}`, bestT, { ...bestE, [key]: v })
  }
  const SEQ = { ...bestS, wEmbed: 0 }
  console.log(line("model without embedding", evaluate(d, vSplit, SEQ, true)))
  console.log(line("model (best on validation)", evaluate(d, vSplit, bestS, true)))
  console.log(`chosen train options: ${JSON.stringify(bestT)}`)
  console.log(`chosen embed options: ${JSON.stringify(bestE)}`)
  console.log(`chosen score options: ${JSON.stringify(bestS)}`)
  // Second stage: learnt on the validation items of eligible users NOT in the evaluated
  // sample, on top of the validation model; then scored on the sample's validation items.
  const inSample = new Set(users)
  const learners = eligible.filter((u) => !inSample.has(u))
  let rr: Reranker | undefined
  let rerankSeconds = 0
  if (learners.length >= 1000 && process.env.RECS_NO_RERANK === undefined) {
    let bestR = CHOSEN_RERANK
    let fit = fitSecondStage(d, vSplit, learners, bestS, bestR)
    console.log(`reranker learnt in ${fit.seconds.toFixed(1)}s from the validation items of ${learners.length} users outside the sample: ${JSON.stringify(bestR)}`)
    let bestRes = evaluate(d, vSplit, bestS, false, fit.rr)
    console.log(line("model + reranker", bestRes))
    if (GRID === "rerank" || GRID === "full") {
      // How the reranker's settings were chosen: a few alternatives, kept only if better on validation.
      for (const alt of [{ hidden: 8 }, { hidden: 32 }, { negatives: 100 }, { epochs: 20 }] as Partial<RerankOptions>[]) {
        const cand = { ...bestR, ...alt }
        const f = fitSecondStage(d, vSplit, learners, bestS, cand)
        const r = evaluate(d, vSplit, bestS, false, f.rr)
        const win = better(r, bestRes)
        console.log(line(`  reranker ${JSON.stringify(alt)}`, r, `  learnt in ${f.seconds.toFixed(1)}s${win ? "  *" : ""}`))
        if (win) {
          bestRes = r
          bestR = cand
          fit = f
        }
      }
      console.log(`chosen reranker options: ${JSON.stringify(bestR)}`)
    }
    rr = fit.rr
    rerankSeconds = fit.seconds
  } else console.log(`reranker skipped (${learners.length} users outside the sample to learn from)`)
  console.log("")

  // ---------- test ----------
  console.log("== test (retrained on all but the last item; validation item now in the history) ==")
  const tKnn = buildSplit(d, users, "test", KNN_TRAIN)
  console.log(`baseline statistics trained in ${tKnn.trainSeconds.toFixed(1)}s`)
  console.log(line("popularity", evaluate(d, tKnn, POP, true)))
  console.log(line("item-kNN cosine", evaluate(d, tKnn, KNN, true)))
  const tSplit = buildSplit(d, users, "test", bestT, bestE)
  console.log(`model trained in ${tSplit.trainSeconds.toFixed(1)}s (${tSplit.model.size} items, embedding dim ${bestE.dim})`)
  console.log(line("model without embedding", evaluate(d, tSplit, SEQ, true)))
  console.log(line("model", evaluate(d, tSplit, bestS, true)))
  if (rr) {
    // The reranker learnt in the validation phase, unchanged: no test item is used to fit it.
    console.log(line("model + reranker (final)", evaluate(d, tSplit, bestS, true, rr)))
    console.log(`final model training: first stage ${tSplit.trainSeconds.toFixed(1)}s + reranker ${rerankSeconds.toFixed(1)}s (learnt once, in the validation phase)`)
  }
  console.log(`\nreference (SASRec paper, sampled HR@10/NDCG@10): PopRec ~0.47, BPR ~0.49, SASRec 0.7410/0.5360, DGSR 0.7557/0.5570`)
  console.log(`total run time ${((performance.now() - tStart) / 1000).toFixed(1)}s`)
}

main()
