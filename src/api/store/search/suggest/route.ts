import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { SearchTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { StoreSuggestQueryType } from "../../../utils/search-validators"
import { cachedAnswer, SEARCH_TAG, markCache } from "../../../../modules/game/catalog-cache"
import { storeContext } from "../../games/helpers"
import { suggestion, suggestQuery } from "../suggest-helpers"

/** Autocomplete: games whose title starts with what was typed, the typed part marked. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreSuggestQueryType
  const ctx = await storeContext(req, query)
  const { region_id: _r, country_code: _c, ...filters } = query as any
  const { data: result, hit } = await cachedAnswer(
    req.scope,
    "suggest",
    { ...filters, currency_code: ctx.region.currency_code, country: ctx.country },
    [SEARCH_TAG],
    () =>
      req.scope
        .resolve<SearchTypes.ISearchModuleService>(Modules.SEARCH)
        .search(suggestQuery(query, { currency_code: ctx.region.currency_code, country: ctx.country }))
  )
  markCache(res, hit)
  res.json({ q: query.q, suggestions: result!.hits.map((hit) => suggestion(hit, ctx.region.currency_code)), country: ctx.country })
}
