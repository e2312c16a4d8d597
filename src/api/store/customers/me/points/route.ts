import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POINT_VALUE } from "../../../../../modules/points/values"
import { pointsView } from "../../../../utils/points-view"

/** The player's balance and history, plus what a point is worth in each currency. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as { limit: number; offset: number }
  res.json({
    ...(await pointsView(req.scope, req.auth_context.actor_id, limit, offset)),
    point_value: POINT_VALUE,
  })
}
