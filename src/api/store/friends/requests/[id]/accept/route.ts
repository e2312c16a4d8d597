import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../../../modules/friends"
import type FriendsModuleService from "../../../../../../modules/friends/service"
import { friendAcceptedMail } from "../../../../../../workflows/friends/friends"

/** The invitee accepts: the two are friends. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const friends = req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE)
  const friendship = await friends.answerRequest(req.params.id, req.auth_context.actor_id, "accepted")
  const request = await friends.retrieveFriendRequest(req.params.id)
  await friendAcceptedMail(req.scope, friendship.id, request.from_customer_id, req.auth_context.actor_id)
  res.json({ friendship: { since: friendship.created_at } })
}
