import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { ACCOUNT_MODULE } from "../../../../modules/account"
import type AccountModuleService from "../../../../modules/account/service"
import { FRIENDS_MODULE } from "../../../../modules/friends"
import type FriendsModuleService from "../../../../modules/friends/service"
import { blockPlayerWorkflow } from "../../../../workflows/friends/block-player"
import { playersById } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const blocks = await req.scope
    .resolve<FriendsModuleService>(FRIENDS_MODULE)
    .listFriendBlocks({ blocker_id: req.auth_context.actor_id }, { order: { created_at: "DESC" }, take: 500 })
  const player = await playersById(req.scope, blocks.map((b) => b.blocked_id))
  res.json({ blocks: blocks.map((b) => ({ ...player(b.blocked_id), since: b.created_at })) })
}

/** Blocks a player (`customer_id` or `handle`): friendship, requests and open gifts between the two end. */
export const POST = async (req: AuthenticatedMedusaRequest<{ customer_id?: string; handle?: string }>, res: MedusaResponse) => {
  let blocked = req.validatedBody.customer_id
  if (req.validatedBody.handle) {
    blocked = (await req.scope.resolve<AccountModuleService>(ACCOUNT_MODULE).profileByHandle(req.validatedBody.handle))?.customer_id
  } else if (blocked) {
    const [found] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ id: blocked }, { select: ["id"], take: 1 })
    blocked = found?.id
  }
  if (!blocked) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No such player")
  await blockPlayerWorkflow(req.scope).run({ input: { blocker_id: req.auth_context.actor_id, blocked_id: blocked } })
  res.status(201).json({ block: { customer_id: blocked } })
}
