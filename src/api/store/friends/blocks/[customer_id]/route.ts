import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../../modules/friends"
import type FriendsModuleService from "../../../../../modules/friends/service"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).unblock(req.auth_context.actor_id, req.params.customer_id)
  res.json({ customer_id: req.params.customer_id, blocked: false })
}
