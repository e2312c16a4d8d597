import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { SearchTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { StoreSearchQueryType } from "../../utils/search-validators"
import { cachedAnswer, SEARCH_TAG, markCache } from "../../../modules/game/catalog-cache"
import { storeContext } from "../games/helpers"
import { facetValues, gameSearchQuery, storeHit } from "./helpers"

/** Full-text game search with filters and genre/tag facets, limited to the caller's country. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreSearchQueryType
  const ctx = await storeContext(req, query)
  const now = new Date()
  const currency = ctx.region.currency_code
  const { region_id: _r, country_code: _c, ...filters } = query
  // Shared by every caller of the same filters, currency and selling country; cleared once the index
  // has taken in a game.listing_changed (src/subscribers/refresh-search-cache.ts).
  const { data: result, hit } = await cachedAnswer(
    req.scope,
    "search",
    { ...filters, currency_code: currency, country: ctx.country },
    [SEARCH_TAG],
    () =>
      req.scope
        .resolve<SearchTypes.ISearchModuleService>(Modules.SEARCH)
        .search(gameSearchQuery(query, { currency_code: currency, country: ctx.country }, now))
  )
  markCache(res, hit)
  res.json({
    hits: result!.hits.map((hit) => storeHit(hit.document, currency, now)),
    facets: { genre: facetValues(result!.facets?.genres), tag: facetValues(result!.facets?.tags) },
    total: result!.metadata.count ?? 0,
    limit: query.limit,
    offset: query.offset,
    country: ctx.country,
    region: { id: ctx.region.id, name: ctx.region.name, currency_code: currency },
  })
}
