import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recommendForPlayer } from "../../../modules/recommendation/rank"
import { recommendationInputs, recommendationView } from "../../utils/recommendations"
import type { StoreRecommendationsQueryType } from "../../utils/recommendation-validators"
import { storeContext } from "../games/helpers"

/** The signed-in player's recommendations, each with its reason; never owned or unsold games. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit } = req.validatedQuery as StoreRecommendationsQueryType
  const ctx = await storeContext(req, {})
  const inputs = await recommendationInputs(req.scope, ctx.customer_id)
  const now = new Date()
  const ranked = recommendForPlayer({ ...inputs, country: ctx.country, now, limit })
  res.json({ recommendations: ranked.map((r) => recommendationView(r, now)), country: ctx.country })
}
