import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cachedAnswer, LISTS_TAG, markCache } from "../../../modules/game/catalog-cache"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import type { StoreGamesQueryType } from "../../utils/validators"
import { storeContext } from "./helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreGamesQueryType
  const ctx = await storeContext(req, query)
  const { region_id: _r, country_code: _c, ...filters } = query
  // The page of games depends on the filters and the region's currency only; region_id and
  // country_code merely pick the region. The residence flag is the caller's: added below.
  const { data, hit } = await cachedAnswer(
    req.scope,
    "games",
    { ...filters, currency_code: ctx.region.currency_code },
    [LISTS_TAG],
    () =>
      req.scope.resolve<GameModuleService>(GAME_MODULE).listStoreGames({
        ...filters,
        currency_code: ctx.region.currency_code,
        now: new Date(),
      })
  )
  const { rows, count } = data!
  const now = new Date()
  markCache(res, hit)
  res.json({
    games: rows.map(({ amount, ...game }) => ({
      ...game,
      released: new Date(game.release_at) <= now,
      price: amount === null ? null : { amount: Number(amount), currency_code: ctx.region.currency_code },
      available_in_residence: ctx.residence_country
        ? game.service_countries.includes(ctx.residence_country)
        : null,
    })),
    count,
    limit: query.limit,
    offset: query.offset,
    region: { id: ctx.region.id, name: ctx.region.name, currency_code: ctx.region.currency_code },
  })
}
