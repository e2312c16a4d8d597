import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FRIENDS_MODULE } from "../../../../modules/friends"
import type FriendsModuleService from "../../../../modules/friends/service"
import { requestFriendWorkflow } from "../../../../workflows/friends/request-friend"
import { otherOf, playersById } from "../helpers"

/** Pending requests to the player and from them; an invitation shows its email to its sender only. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const me = req.auth_context.actor_id
  const friends = req.scope.resolve<FriendsModuleService>(FRIENDS_MODULE)
  const [incoming, outgoing] = await Promise.all([
    friends.listFriendRequests({ to_customer_id: me, status: "pending" }, { order: { created_at: "DESC" }, take: 200 }),
    friends.listFriendRequests({ from_customer_id: me, status: "pending" }, { order: { created_at: "DESC" }, take: 200 }),
  ])
  const player = await playersById(req.scope, [...incoming.map((r) => r.from_customer_id), ...outgoing.flatMap((r) => (r.to_customer_id ? [r.to_customer_id] : []))])
  res.json({
    incoming: incoming.map((r) => ({ id: r.id, from: player(r.from_customer_id), since: r.created_at })),
    outgoing: outgoing.map((r) => ({ id: r.id, to: r.to_customer_id ? player(r.to_customer_id) : { email: r.to_email }, since: r.created_at })),
  })
}

/** Sends a request (`handle` or `email`): 201 and the request, or 200 and the friendship when it met theirs. */
export const POST = async (req: AuthenticatedMedusaRequest<{ handle?: string; email?: string }>, res: MedusaResponse) => {
  const { result } = await requestFriendWorkflow(req.scope).run({ input: { from: req.auth_context.actor_id, ...req.validatedBody } })
  if (result.request) res.status(201).json({ request: { id: result.request.id, status: result.request.status, since: result.request.created_at } })
  else res.json({ friendship: { customer_id: otherOf(result.friendship, req.auth_context.actor_id), since: result.friendship.created_at } })
}
