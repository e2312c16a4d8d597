import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../modules/friends"
import type FriendsModuleService from "../../../../modules/friends/service"

/** Ends a friendship (either friend may). */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).removeFriend(req.auth_context.actor_id, req.params.customer_id)
  res.json({ customer_id: req.params.customer_id, removed: true })
}
