import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * A game's listing (its product copy, prices or details) changed, or the game was removed: data
 * `{ id: string[] }`. Emitted once the read model is written, so whoever reads the game on it
 * (the search index) reads the new state; a product event itself arrives before that copy exists.
 */
export const GAME_LISTING_CHANGED = "game.listing_changed"

export async function emitGameListingChanged(container: Pick<MedusaContainer, "resolve">, gameIds: string[]) {
  const ids = [...new Set(gameIds)]
  if (!ids.length) return
  await container.resolve(Modules.EVENT_BUS).emit({ name: GAME_LISTING_CHANGED, data: { id: ids } })
}
