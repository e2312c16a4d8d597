import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"
import { storefrontLink } from "../../modules/mail/links"
import { sendMail } from "../steps/send-mail"
import { partiesOf } from "../gift/parties"

const limit = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}
/** Read at call time, so a deployment (or a test) sets them without a restart. */
export const friendLimits = () => ({ pending: limit("FRIEND_PENDING_LIMIT", 50), daily: limit("FRIEND_DAILY_LIMIT", 20) })

export type FriendTarget = { handle?: string; email?: string }

/**
 * A friend request by handle or exact email. An email of a player is a request to that player; an
 * email nobody signed up with is an invitation (mailed; it becomes a request when they sign up).
 * The invitee is mailed and, when a player, notified in the store.
 */
export async function requestFriend(container: MedusaContainer, from: string, target: FriendTarget) {
  const friends = container.resolve<FriendsModuleService>(FRIENDS_MODULE)
  let to: { customer_id: string } | { email: string }
  if (target.handle) {
    const profile = await container.resolve<AccountModuleService>(ACCOUNT_MODULE).profileByHandle(target.handle)
    if (!profile) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No player has the handle '${target.handle}'`)
    to = { customer_id: profile.customer_id }
  } else {
    const email = target.email!.toLowerCase()
    const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ email, has_account: true }, { select: ["id"], take: 1 })
    to = customer ? { customer_id: customer.id } : { email }
  }
  const result = await friends.sendRequest(from, to, friendLimits())
  const people = await partiesOf(container, [from, ...("customer_id" in to ? [to.customer_id] : [])])
  const sender = people.get(from)
  if (result.request) {
    const invitee = "customer_id" in to ? people.get(to.customer_id) : null
    await sendMail(container, {
      to: invitee?.email ?? (to as { email: string }).email,
      customer_id: invitee?.customer_id,
      template: invitee ? "friend-request" : "friend-invite",
      idempotency_key: `friend-request:${result.request.id}`,
      data: { request_id: result.request.id, from_name: sender?.name, from_handle: sender?.handle, url: storefrontLink(invitee ? "/account/friends" : "/account/sign-up") },
    })
  } else if (result.friendship && "customer_id" in to) {
    await friendAcceptedMail(container, result.friendship.id, to.customer_id, from)
  }
  return result
}

/** The requester learns their request was accepted (in the store and by mail). */
export async function friendAcceptedMail(container: MedusaContainer, friendshipId: string, requester: string, accepter: string) {
  const people = await partiesOf(container, [requester, accepter])
  await sendMail(container, {
    to: people.get(requester)?.email ?? "",
    customer_id: requester,
    template: "friend-accepted",
    idempotency_key: `friend-accepted:${friendshipId}`,
    data: { friend_name: people.get(accepter)?.name, friend_handle: people.get(accepter)?.handle },
  })
}

const blockStep = createStep("block-player", async (input: { blocker_id: string; blocked_id: string }, { container }) => {
  const created = await container.resolve<FriendsModuleService>(FRIENDS_MODULE).block(input.blocker_id, input.blocked_id)
  return new StepResponse(created, created ? input : null)
}, async (undo, { container }) => {
  if (undo) await container.resolve<FriendsModuleService>(FRIENDS_MODULE).unblock(undo.blocker_id, undo.blocked_id)
})

/**
 * Blocks a player (friendship and pending requests end) and announces `friends.blocked`, whose
 * subscriber closes the open gifts between the two (refunded).
 */
export const blockPlayerWorkflow = createWorkflow("block-player", (input: { blocker_id: string; blocked_id: string }) => {
  const created = blockStep(input)
  emitEventStep({ eventName: "friends.blocked", data: input })
  return new WorkflowResponse(created)
})
