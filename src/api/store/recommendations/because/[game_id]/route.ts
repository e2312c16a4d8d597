import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { becauseOf, similarGames } from "../../../../../modules/recommendation/rank"
import { recommendationInputs, gameIn, recommendationView } from "../../../../utils/recommendations"
import type { StoreRecommendationsQueryType } from "../../../../utils/recommendation-validators"
import { storeContext } from "../../../games/helpers"

/** "Because you played X": games like X for a player who owns, played or looked at X. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit } = req.validatedQuery as StoreRecommendationsQueryType
  const ctx = await storeContext(req, {})
  const inputs = await recommendationInputs(req.scope, ctx.customer_id)
  const game = gameIn(inputs.catalog, req.params.game_id)
  if (!inputs.owned.has(game.id) && !inputs.history.some((h) => h.game_id === game.id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `You have not played '${game.title}' yet`, "not_played")
  }
  const now = new Date()
  const because = becauseOf(game, inputs.owned.has(game.id) ? [{ game_id: game.id, kind: "purchase", weight: 0, occurred_at: now }] : inputs.history)
  const ranked = similarGames({ ...inputs, country: ctx.country, game, limit, because })
  res.json({ game: { id: game.id, title: game.title, handle: game.handle }, recommendations: ranked.map((r) => recommendationView(r, now)), country: ctx.country })
}
