import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GAME_MODULE } from "../../../modules/game"
import type GameModuleService from "../../../modules/game/service"
import type { StoreGamesQueryType } from "../../utils/validators"
import { storeContext } from "./helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreGamesQueryType
  const ctx = await storeContext(req, query)
  const now = new Date()
  const { rows, count } = await req.scope.resolve<GameModuleService>(GAME_MODULE).listStoreGames({
    currency_code: ctx.region.currency_code,
    genre: query.genre,
    tag: query.tag,
    status: query.status,
    price_min: query.price_min,
    price_max: query.price_max,
    country: query.country,
    q: query.q,
    order: query.order,
    limit: query.limit,
    offset: query.offset,
    now,
  })
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
