import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"
import type { RequestTarget } from "../../modules/friends/service"
import { envNumber } from "../env-number"
import { withFaults } from "../faults"
import { friendAcceptedMail, friendRequestMail } from "./mails"

const limit = (name: string, fallback: number) => envNumber(name, fallback, { min: 1, integer: true })
/** Read at call time, so a deployment (or a test) sets them without a restart. */
export const friendLimits = () => ({ pending: limit("FRIEND_PENDING_LIMIT", 50), daily: limit("FRIEND_DAILY_LIMIT", 20) })

export type RequestFriendInput = { from: string; handle?: string; email?: string }

/** A handle is a player; an email is the player who signed up with it, else an invitation to it. */
const resolveFriendTargetStep = createStep("resolve-friend-target", async (input: RequestFriendInput, { container }) => {
  if (input.handle) {
    const profile = await container.resolve<AccountModuleService>(ACCOUNT_MODULE).profileByHandle(input.handle)
    if (!profile) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No player has the handle '${input.handle}'`)
    return new StepResponse<RequestTarget>({ customer_id: profile.customer_id })
  }
  const email = input.email!.toLowerCase()
  const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ email, has_account: true }, { select: ["id"], take: 1 })
  return new StepResponse<RequestTarget>(customer ? { customer_id: customer.id } : { email })
})

const sendFriendRequestStep = createStep(
  "send-friend-request",
  async (input: { from: string; to: RequestTarget }, { container }) => {
    const result = await container.resolve<FriendsModuleService>(FRIENDS_MODULE).sendRequest(input.from, input.to, friendLimits())
    const undo = { created_id: result.request?.id ?? null, accepted_id: result.crossing_id, friendship_id: result.crossing_id ? result.friendship?.id : null }
    return new StepResponse(result, undo)
  },
  async (undo, { container }) => {
    if (undo) await container.resolve<FriendsModuleService>(FRIENDS_MODULE).revertRequest(undo)
  }
)

const friendRequestMailStep = createStep("mail-friend-request", withFaults("mail-friend-request", async (input: { from: string; result: any }, { container }) => {
  const { request, friendship } = input.result
  if (request) await friendRequestMail(container, request)
  else if (friendship) {
    const other = friendship.customer_a === input.from ? friendship.customer_b : friendship.customer_a
    await friendAcceptedMail(container, friendship.id, other, input.from)
  }
  return new StepResponse(null)
}))

/**
 * A friend request by handle or exact email; when the other player asked first, it accepts theirs
 * instead (one friendship). The invitee is mailed (a player also in the store); the mail is queued
 * last, so a failure before it leaves no request behind.
 */
export const requestFriendWorkflow = createWorkflow("request-friend", (input: RequestFriendInput) => {
  const to = resolveFriendTargetStep(input)
  const result = sendFriendRequestStep({ from: input.from, to })
  friendRequestMailStep({ from: input.from, result })
  return new WorkflowResponse(result)
})
