import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { similarGames } from "../../../../../modules/recommendation/rank"
import { recommendationInputs, gameIn, recommendationView } from "../../../../utils/recommendations"
import type { StoreSimilarGamesQueryType } from "../../../../utils/recommendation-validators"
import { storeContext } from "../../helpers"

/** Games like this one, for a game page: sold in the caller's country, not owned when signed in. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreSimilarGamesQueryType
  const ctx = await storeContext(req, query)
  const inputs = await recommendationInputs(req.scope, ctx.customer_id)
  const game = gameIn(inputs.catalog, req.params.id)
  const now = new Date()
  const ranked = similarGames({ ...inputs, country: ctx.country, game, limit: query.limit })
  res.json({ game: { id: game.id, title: game.title, handle: game.handle }, similar: ranked.map((r) => recommendationView(r, now)), country: ctx.country })
}
