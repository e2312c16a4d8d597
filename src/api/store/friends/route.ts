import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../modules/friends"
import type FriendsModuleService from "../../../modules/friends/service"
import { playersById } from "./helpers"

/** The player's friends (mutual, approved), with the date they became friends. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const friends = await req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE).listFriends(req.auth_context.actor_id)
  const player = await playersById(req.scope, friends.map((f) => f.customer_id))
  res.json({ friends: friends.map((f) => ({ ...player(f.customer_id), since: f.since })) })
}
