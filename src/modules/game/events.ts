import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { gameTag, invalidateCatalog, LISTS_TAG, SEARCH_TAG } from "./catalog-cache"

/**
 * A game's listing (its product copy, prices or details) changed, or the game was removed: data
 * `{ id: string[] }`. Emitted once the read model is written, so whoever reads the game on it
 * (the search index) reads the new state; a product event itself arrives before that copy exists.
 */
export const GAME_LISTING_CHANGED = "game.listing_changed"

export async function emitGameListingChanged(container: Pick<MedusaContainer, "resolve">, gameIds: string[]) {
  const ids = [...new Set(gameIds)]
  if (!ids.length) return
  // The cached catalog answers of these games go first, right where the read model was written
  // (before the response of the admin request that wrote it), not later in a subscriber.
  // Search answers follow the index, which takes the event in later: none is stored until then.
  await invalidateCatalog(container, [LISTS_TAG, ...ids.map(gameTag)])
  await invalidateCatalog(container, [SEARCH_TAG], { pending: true })
  await container.resolve(Modules.EVENT_BUS).emit({ name: GAME_LISTING_CHANGED, data: { id: ids } })
}
