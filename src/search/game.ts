import { defineSearchIndex, graphConsume, graphSeed } from "@medusajs/framework/utils"
import { GAME_LISTING_CHANGED } from "../modules/game/events"
import { GAME_INDEX, GAME_INDEX_SETTINGS, gameSearchFields } from "./_game-fields"
import { GAME_GRAPH_FIELDS, toGameDocuments } from "./_game-documents"

/**
 * The store's games in Medusa's Search Module. Indexing follows the game read model rather than
 * product events: Medusa's product/variant events reach the sync-game-listing subscriber, which
 * writes the read model and then emits `game.listing_changed` (so do game create, update and
 * delete); that event is what this index consumes, so it never reads a copy older than the event.
 */
export default defineSearchIndex({
  name: GAME_INDEX,
  entity: "game",
  fields: gameSearchFields,
  settings: GAME_INDEX_SETTINGS,
  events: [GAME_LISTING_CHANGED],
  consume: graphConsume<typeof gameSearchFields>({ fields: GAME_GRAPH_FIELDS, transform: toGameDocuments }),
  seed: graphSeed<typeof gameSearchFields>({ fields: GAME_GRAPH_FIELDS, transform: toGameDocuments }),
})
