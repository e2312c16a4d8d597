import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../../modules/friends"
import type FriendsModuleService from "../../../../../modules/friends/service"

/** The sender withdraws their pending request. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).cancelRequest(req.params.id, req.auth_context.actor_id)
  res.json({ id: req.params.id, status: "cancelled" })
}
