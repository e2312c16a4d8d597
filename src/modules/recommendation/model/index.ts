/**
 * Recommendation model: plain TypeScript, no Medusa or database dependency, so the store's
 * recommendation module feeds it its own events and the offline evaluation
 * (scripts/eval-recs.ts) runs exactly the same code.
 *
 *   const model = train(events)                 // at boot / nightly
 *   model.embedding = buildEmbedding(model)     // optional, periodic: not incremental
 *   model.reranker = learnReranker(model, heldOutNextItems)  // optional second stage (plain JSON)
 *   model.addInteraction(event)                 // on every purchase / play, takes effect at once
 *   recommend(model, history, 10, ownedIds)     // [{ item, score, because }]
 *   similarItems(model, gameId, 10)
 */
export * from "./types"
export { RecModel, train } from "./train"
export { recommend, scoreInto, topK, RERANK_DEPTH } from "./score"
export { similarItems } from "./similar"
export { buildEmbedding, DEFAULT_EMBED } from "./embed"
export type { Embedding, EmbedOptions } from "./embed"
export {
  DEFAULT_RERANK,
  FEATURE_NAMES,
  RAW_FEATURES,
  fitReranker,
  learnReranker,
  meanPosition,
  nextItems,
  rawFeatures,
  rerankCandidates,
  rerankScores,
} from "./rerank"
export type { Reranker, RerankExample, RerankOptions } from "./rerank"
