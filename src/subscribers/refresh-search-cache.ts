import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { SearchTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { invalidateCatalog, SEARCH_TAG } from "../modules/game/catalog-cache"
import { GAME_LISTING_CHANGED } from "../modules/game/events"

/**
 * Cached search answers may be dropped only once the index holds the change, and Medusa's own
 * ingestion subscriber tells no one when it is done. So this one ingests the same event itself
 * (idempotent: the index reads the games back and upserts them) and clears the search entries
 * after it, which also lets answers be stored again (emitGameListingChanged suspended that).
 */
export default async function refreshSearchCache({ event, container }: SubscriberArgs<{ id: string[] }>) {
  const search = container.resolve<SearchTypes.ISearchModuleService>(Modules.SEARCH, { allowUnregistered: true })
  try {
    if (search) await search.ingest(event as any)
  } finally {
    await invalidateCatalog(container, [SEARCH_TAG])
  }
}

export const config: SubscriberConfig = {
  event: GAME_LISTING_CHANGED,
  context: { subscriberId: "kstore-refresh-search-cache" },
}
