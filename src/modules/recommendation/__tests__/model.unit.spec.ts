import { buildEmbedding } from "../model/embed"
import { fullRank, hitAt, ndcgAt, rng, sampledRank, sampleNegatives } from "../model/evaluation"
import { contributions } from "../model/explain"
import { recommend, scoreInto, topK } from "../model/score"
import {
  FEATURE_NAMES,
  fitReranker,
  INPUTS,
  learnReranker,
  meanPosition,
  nextItems,
  RAW_FEATURES,
  rawFeatures,
  rerankCandidates,
  Reranker,
  rerankScores,
} from "../model/rerank"
import { similarItems } from "../model/similar"
import { RecModel, train } from "../model/train"
import { DEFAULT_SCORE, Interaction } from "../model/types"
import { prior } from "../model/weights"

/** Each sequence becomes one user's ordered events. */
function events(seqs: string[][], userPrefix = "u"): Interaction[] {
  const out: Interaction[] = []
  seqs.forEach((s, u) => s.forEach((item) => out.push({ user: `${userPrefix}${u}`, item })))
  return out
}

const rep = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x)

// "b" follows "a" for a few users; "x", "y", "z" are far more popular but unrelated to "a".
const WORLD = [...rep(4, ["a", "b"]), ...rep(12, ["x", "y", "z"]), ["c", "d"], ["c", "d"], ["e"]]

describe("recommendation model", () => {
  it("ranks the item that follows the last one above more popular unrelated items", () => {
    const model = train(events(WORLD))
    const recs = recommend(model, ["a"], 3)
    expect(recs[0].item).toBe("b")
    expect(recs[0].because).toBe("a")
    // Popularity alone puts x/y/z first, so the answer above really came from the transition.
    const cold = recommend(model, [], 3)
    expect(cold.map((r) => r.item).sort()).toEqual(["x", "y", "z"])
    expect(cold.every((r) => r.because === "popular")).toBe(true)
  })

  it("never returns the history or excluded (owned) items", () => {
    const model = train(events(WORLD))
    const all = recommend(model, ["a", "c"], 100, ["b", "x"])
    const items = all.map((r) => r.item)
    for (const banned of ["a", "c", "b", "x"]) expect(items).not.toContain(banned)
    expect(items).toContain("d")
    expect(items.length).toBe(model.size - 4)
  })

  it("names the history item each recommendation comes from", () => {
    const model = train(events(WORLD))
    const recs = recommend(model, ["c", "a"], 5)
    const why = Object.fromEntries(recs.map((r) => [r.item, r.because]))
    expect(why.b).toBe("a")
    expect(why.d).toBe("c")
    expect(why.x).toBe("popular")
  })

  it("credits the history item that contributes most, not merely the most recent one", () => {
    // b follows a for six users, f for one; f is the most recent history item.
    const model = train(events([...rep(6, ["a", "b"]), ["f", "b"], ...rep(8, ["x", "y"])]))
    const o = { recency: 0.8, alpha: 0.5, beta: 0.5, wTransition: 1, wCooccur: 1, wPopularity: 0.1 }
    const b = recommend(model, ["a", "f"], 3, [], o).find((r) => r.item === "b")
    expect(b?.because).toBe("a")
    // With f alone in the history, f is the reason.
    expect(recommend(model, ["f"], 1, [], o)[0]).toMatchObject({ item: "b", because: "f" })
  })

  it("pairs items only within the transition window, decayed by distance", () => {
    const seqs = rep(2, ["p", "q", "r"])
    const wide = train(events(seqs), { window: 2, stepDecay: 0.5 })
    const [p, q, r] = ["p", "q", "r"].map((i) => wide.indexOf(i)!)
    expect(wide.trans[p].get(q)).toBe(2)
    expect(wide.trans[p].get(r)).toBe(1)
    expect(wide.trans[q].get(r)).toBe(2)
    const narrow = train(events(seqs), { window: 1 })
    expect(narrow.trans[narrow.indexOf("p")!].get(narrow.indexOf("r")!)).toBeUndefined()
  })

  it("lets a fresh interaction change the ranking without a retrain", () => {
    const model = train(events(WORLD))
    expect(recommend(model, ["e"], 1)[0].item).not.toBe("d")
    for (let u = 0; u < 3; u++) {
      model.addInteraction({ user: `new${u}`, item: "e" })
      model.addInteraction({ user: `new${u}`, item: "d" })
    }
    const top = recommend(model, ["e"], 1)[0]
    expect(top.item).toBe("d")
    expect(top.because).toBe("e")
  })

  it("gives the same scores incrementally as a batch retrain", () => {
    const extra = events([["e", "d"], ["a", "y", "b"]], "late")
    const live = train(events(WORLD))
    for (const ev of extra) live.addInteraction(ev)
    const batch = train([...events(WORLD), ...extra])
    const a = recommend(live, ["a", "e"], 10)
    const b = recommend(batch, ["a", "e"], 10)
    expect(a).toEqual(b)
  })

  it("orders a batch by timestamp when timestamps are given", () => {
    // Delivered newest first; the transition must still be a -> b, not b -> a.
    const model = train(
      [
        ...[0, 1, 2].map((u) => ({ user: u, item: "b", at: 20 })),
        ...[0, 1, 2].map((u) => ({ user: u, item: "a", at: 10 })),
      ],
      {}
    )
    const a = model.indexOf("a")!
    const b = model.indexOf("b")!
    expect(model.trans[a].get(b)).toBe(3)
    expect(model.trans[b].get(a)).toBeUndefined()
    expect(model.history(0)).toEqual(["a", "b"])
  })

  it("counts a repeated item once for pairs but keeps it as popularity evidence", () => {
    const model = new RecModel()
    model.addInteraction({ user: 1, item: "a" })
    model.addInteraction({ user: 1, item: "b" })
    model.addInteraction({ user: 1, item: "b", weight: 2 })
    const a = model.indexOf("a")!
    const b = model.indexOf("b")!
    expect(model.co[a].get(b)).toBe(1)
    expect(model.count[b]).toBe(3)
  })

  it("lists similar items from co-occurrence, not from popularity", () => {
    const model = train(events(WORLD))
    expect(similarItems(model, "a", 5).map((s) => s.item)).toEqual(["b"])
    expect(similarItems(model, "unknown", 5)).toEqual([])
  })

  it("explains scores exactly: prior + per-item contributions = score (with embedding)", () => {
    const model = train(events([...WORLD, ["a", "x", "d"], ["y", "b", "c", "e"]]))
    model.embedding = buildEmbedding(model, { dim: 3, iterations: 4 })
    const hist = ["a", "x", "c"].map((i) => model.indexOf(i)!)
    const out = new Float64Array(model.size)
    // Second set: user sampling and the neighbour cap actually cut something.
    for (const extra of [{ userSample: 500, userNeighbours: 100 }, { userSample: 3, userNeighbours: 4 }]) {
      const o = { ...DEFAULT_SCORE, wEmbed: 2, wTwoHop: 0.5, wUserKnn: 0.7, ...extra }
      scoreInto(model, hist, o, out)
      const base = prior(model, o)
      for (let b = 0; b < model.size; b++) {
        const parts = contributions(model, hist, b, o)
        expect(base[b] + parts.reduce((s, x) => s + x, 0)).toBeCloseTo(out[b], 10)
      }
    }
  })
})

describe("reranker (second stage)", () => {
  const feature = (name: string) => FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number])

  it("splits the fused score into its sources: the fused feature is exactly scoreInto's score", () => {
    const model = train(events([...WORLD, ["a", "x", "d"], ["y", "b", "c", "e"]]))
    model.embedding = buildEmbedding(model, { dim: 3, iterations: 4 })
    const hist = ["a", "x", "c"].map((i) => model.indexOf(i)!)
    const o = { ...DEFAULT_SCORE, wTwoHop: 0.5, wUserKnn: 0.7, wEmbed: 2 }
    const out = new Float64Array(model.size)
    scoreInto(model, hist, o, out)
    const cands = Int32Array.from({ length: model.size + 1 }, (_, i) => (i < model.size ? i : -1))
    const raw = new Float64Array(cands.length * RAW_FEATURES)
    rawFeatures(model, hist, o, cands, raw)
    for (let b = 0; b < model.size; b++) expect(raw[b * RAW_FEATURES + feature("fused")]).toBeCloseTo(out[b], 10)
    // The unknown candidate has no evidence at all.
    const unknown = model.size * RAW_FEATURES
    expect(raw[unknown + feature("fused")]).toBe(0)
    expect(raw[unknown + feature("transition")]).toBe(0)
    // Direct-successor evidence of the last history item ("c", followed by "d" twice and "e" once).
    const c = model.indexOf("c")!
    const d = model.indexOf("d")!
    expect(raw[d * RAW_FEATURES + feature("lastNext")]).toBeCloseTo(2 / model.count[c], 12)
    expect(raw[model.indexOf("x")! * RAW_FEATURES + feature("lastNext")]).toBe(0)
  })

  it("counts direct successors only, and places items by their mean position in histories", () => {
    const model = train(events([["p", "q", "r"], ["p", "q", "r"], ["r", "p"], ["s"]]))
    const [p, q, r, s] = ["p", "q", "r", "s"].map((i) => model.indexOf(i)!)
    const next = nextItems(model)
    expect(next[p].get(q)).toBe(2)
    expect(next[p].get(r)).toBeUndefined()
    expect(next[r].get(p)).toBe(1)
    const pos = meanPosition(model)
    expect(pos[p]).toBeCloseTo((0 + 0 + 1) / 3, 12)
    expect(pos[q]).toBeCloseTo(0.5, 12)
    expect(pos[r]).toBeCloseTo((1 + 1 + 0) / 3, 12)
    expect(pos[s]).toBe(0.5) // a one-item history says nothing about order
  })

  it("learns a signal the fused score does not carry", () => {
    // Synthetic groups: the fused score is noise, the true item (first) has the highest "position".
    const rand = rng(5)
    const G = 20
    const make = (groups: number) => {
      const raw = new Float64Array(groups * G * RAW_FEATURES)
      for (let g = 0; g < groups; g++)
        for (let c = 0; c < G; c++) {
          const row = (g * G + c) * RAW_FEATURES
          for (let f = 0; f < RAW_FEATURES; f++) raw[row + f] = rand()
          raw[row + feature("position")] = c === 0 ? 0.8 + 0.2 * rand() : 0.7 * rand()
        }
      return raw
    }
    const r = fitReranker(make(300), 300, G, { epochs: 40, hidden: 4, learningRate: 0.03 })
    expect(r.w1.length).toBe(4 * INPUTS)
    const test = make(100)
    const scores = new Float64Array(G)
    let top = 0
    for (let g = 0; g < 100; g++) {
      rerankScores(r, test.subarray(g * G * RAW_FEATURES, (g + 1) * G * RAW_FEATURES), G, scores)
      if (sampledRank(scores[0], scores.subarray(1)) === 0) top++
    }
    expect(top).toBeGreaterThan(90)
    // The fused score alone would put the true item first about 1 time in 20.
  })

  it("learns from held-out next items reproducibly, skipping items the model never saw", () => {
    const model = train(events(WORLD))
    const examples = [
      { history: ["a"], next: "b" },
      { history: ["c"], next: "d", exclude: ["e"] },
      { history: ["x", "y"], next: "z" },
      { history: ["a"], next: "never-seen" },
    ]
    const one = learnReranker(model, examples, { negatives: 3, epochs: 2 })
    const two = learnReranker(model, examples, { negatives: 3, epochs: 2 })
    expect(two).toEqual(one)
    expect(one.features.length).toBe(INPUTS)
    expect(one.skip.length).toBe(INPUTS)
    expect(() => learnReranker(model, [{ history: ["a"], next: "never-seen" }])).toThrow()
  })

  it("recommend reorders its first-stage candidates with an attached reranker", () => {
    const model = train(events(WORLD))
    expect(recommend(model, [], 1)[0].item).not.toBe("e")
    // A hand-made reranker that prefers the least popular item.
    const skip = new Array<number>(INPUTS).fill(0)
    skip[feature("logCount")] = -1
    const r: Reranker = {
      features: [],
      mean: new Array<number>(INPUTS + 10).fill(0).map((_, i) => (i < INPUTS ? 0 : 1)),
      scale: new Array<number>(INPUTS).fill(1),
      hidden: 0,
      w1: [],
      b1: [],
      w2: [],
      skip,
    }
    model.reranker = r
    const recs = recommend(model, [], 3, ["c"])
    expect(recs[0].item).toBe("e")
    expect(recs[1].item).toBe("d")
    expect(recs.map((x) => x.item)).not.toContain("c")
    // Unknown candidates can never win.
    const s = rerankCandidates(model, r, [], DEFAULT_SCORE, [model.indexOf("e")!, -1])
    expect(s[1]).toBe(-Infinity)
    expect(s[0]).toBeGreaterThan(-Infinity)
  })
})

describe("offline metrics", () => {
  it("counts ties pessimistically in the sampled rank", () => {
    expect(sampledRank(1, [1, 0, 2])).toBe(2)
    expect(sampledRank(1, [0.5, 0, 0.9])).toBe(0)
    // A constant scorer is always ranked last, never "lucky".
    expect(sampledRank(0, rep(100, 0))).toBe(100)
    expect(hitAt(sampledRank(0, rep(100, 0)), 10)).toBe(0)
  })

  it("computes HR@10 and NDCG@10 of a hand-worked example", () => {
    const ranks = [0, 1, 9, 10]
    const hr = ranks.reduce((s, r) => s + hitAt(r, 10), 0) / ranks.length
    const ndcg = ranks.reduce((s, r) => s + ndcgAt(r, 10), 0) / ranks.length
    expect(hr).toBe(0.75)
    // (1 + 1/log2(3) + 1/log2(11) + 0) / 4
    expect(ndcg).toBeCloseTo((1 + 0.6309297536 + 0.2890648263) / 4, 9)
  })

  it("full rank skips owned items and the target, and counts ties above", () => {
    const scores = [0.9, 0.5, 0.5, 0.7, 0.1]
    expect(fullRank(scores, 1, () => false)).toBe(3) // 0.9, 0.5 (tie), 0.7
    expect(fullRank(scores, 1, (i) => i === 0 || i === 2)).toBe(1)
  })

  it("draws distinct negatives outside the forbidden set, reproducibly", () => {
    const forbidden = new Set([1, 2, 3, 4, 5])
    const a = sampleNegatives(rng(42), 20, forbidden, 15)
    expect(new Set(a).size).toBe(15)
    expect(a.some((x) => forbidden.has(x) || x < 1 || x > 20)).toBe(false)
    expect(sampleNegatives(rng(42), 20, forbidden, 15)).toEqual(a)
    expect(() => sampleNegatives(rng(1), 20, forbidden, 16)).toThrow()
  })

  it("top-k keeps the best scores in order, earliest index first on ties", () => {
    const s = new Float64Array([0.2, 0.9, 0.5, 0.9, -1])
    expect(topK(s, new Uint8Array(5), 3)).toEqual([1, 3, 2])
    expect(topK(s, Uint8Array.from([0, 1, 0, 0, 0]), 2)).toEqual([3, 2])
  })
})
