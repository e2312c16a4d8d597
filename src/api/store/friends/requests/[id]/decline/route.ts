import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../../../modules/friends"
import type FriendsModuleService from "../../../../../../modules/friends/service"

/** The invitee says no; the sender is not told. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).answerRequest(req.params.id, req.auth_context.actor_id, "declined")
  res.json({ id: req.params.id, status: "declined" })
}
