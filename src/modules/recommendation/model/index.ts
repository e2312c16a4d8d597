/**
 * Recommendation model: plain TypeScript, no Medusa or database dependency, so the store's
 * recommendation module feeds it its own events and the offline evaluation
 * (scripts/eval-recs.ts) runs exactly the same code.
 *
 *   const model = train(events)                 // at boot / nightly
 *   model.embedding = buildEmbedding(model)     // optional, periodic: not incremental
 *   model.addInteraction(event)                 // on every purchase / play, takes effect at once
 *   recommend(model, history, 10, ownedIds)     // [{ item, score, because }]
 *   similarItems(model, gameId, 10)
 */
export * from "./types"
export { RecModel, train } from "./train"
export { recommend, scoreInto, topK } from "./score"
export { similarItems } from "./similar"
export { buildEmbedding, DEFAULT_EMBED } from "./embed"
export type { Embedding, EmbedOptions } from "./embed"
