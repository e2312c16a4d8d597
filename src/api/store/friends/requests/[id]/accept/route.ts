import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { acceptFriendRequestWorkflow } from "../../../../../../workflows/friends/accept-request"
import { otherOf } from "../../../helpers"

/** The invitee accepts: the two are friends. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const me = req.auth_context.actor_id
  const { result } = await acceptFriendRequestWorkflow(req.scope).run({ input: { request_id: req.params.id, customer_id: me } })
  res.json({ friendship: { customer_id: otherOf(result.friendship, me), since: result.friendship.created_at } })
}
