import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"
import { withFaults } from "../faults"
import { friendAcceptedMail } from "./mails"

type AcceptInput = { request_id: string; customer_id: string }

const acceptFriendRequestStep = createStep(
  "accept-friend-request",
  async (input: AcceptInput, { container }) => {
    const friends = container.resolve<FriendsModuleService>(FRIENDS_MODULE)
    const friendship = await friends.answerRequest(input.request_id, input.customer_id, "accepted")
    const request = await friends.retrieveFriendRequest(input.request_id, { select: ["id", "from_customer_id"] })
    const output = { friendship, requester: request.from_customer_id as string }
    return new StepResponse(output, { accepted_id: input.request_id, friendship_id: friendship?.id })
  },
  async (undo, { container }) => {
    if (undo) await container.resolve<FriendsModuleService>(FRIENDS_MODULE).revertRequest(undo)
  }
)

const friendAcceptedMailStep = createStep("mail-friend-accepted", withFaults("mail-friend-accepted", async (input: { accepted: any; customer_id: string }, { container }) => {
  await friendAcceptedMail(container, input.accepted.friendship.id, input.accepted.requester, input.customer_id)
  return new StepResponse(null)
}))

/** The invitee accepts (404 for a request that is not theirs): the two are friends and the requester is told. */
export const acceptFriendRequestWorkflow = createWorkflow("accept-friend-request", (input: AcceptInput) => {
  const accepted = acceptFriendRequestStep(input)
  friendAcceptedMailStep({ accepted, customer_id: input.customer_id })
  return new WorkflowResponse(accepted)
})
