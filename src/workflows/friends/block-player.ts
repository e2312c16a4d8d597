import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"

export const FRIENDS_BLOCKED_EVENT = "friends.blocked"
export type BlockInput = { blocker_id: string; blocked_id: string }

const blockStep = createStep(
  "block-player",
  async (input: BlockInput, { container }) => {
    const created = await container.resolve<FriendsModuleService>(FRIENDS_MODULE).block(input.blocker_id, input.blocked_id)
    return new StepResponse(created, created ? input : null)
  },
  async (undo, { container }) => {
    if (undo) await container.resolve<FriendsModuleService>(FRIENDS_MODULE).unblock(undo.blocker_id, undo.blocked_id)
  }
)

/**
 * Blocks a player (friendship and pending requests end) and announces `friends.blocked`
 * `{ blocker_id, blocked_id }`; its subscriber closes the open gifts between the two. Emitted on a
 * repeated block too, so a subscriber that failed the first time gets another chance.
 */
export const blockPlayerWorkflow = createWorkflow("block-player", (input: BlockInput) => {
  const created = blockStep(input)
  emitEventStep({ eventName: FRIENDS_BLOCKED_EVENT, data: { blocker_id: input.blocker_id, blocked_id: input.blocked_id } })
  return new WorkflowResponse(created)
})
