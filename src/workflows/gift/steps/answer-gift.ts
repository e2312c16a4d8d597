import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GIFT_MODULE } from "../../../modules/gift"
import type { GiftState } from "../../../modules/gift/models/gift"
import type GiftModuleService from "../../../modules/gift/service"
import { withFaults } from "../../faults"
import { refuse } from "../../purchase/cart-rules"

export type GiftMove = {
  gift_id: string
  from: GiftState[]
  to: GiftState
  cause: string
  actor: string
  extra?: Record<string, unknown>
}

/**
 * Moves the gift (compare-and-set with its history entry): of two answers only one wins, the other
 * is a 409. Undone, the gift goes back to the state it was in, recorded as such.
 */
export const moveGiftStep = createStep(
  "move-gift",
  withFaults("move-gift", async (input: GiftMove, { container }) => {
    const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
    const before = await gifts.retrieveGift(input.gift_id, { select: ["id", "state"] })
    const moved = await gifts.transition(input.gift_id, input.from, input.to, { cause: input.cause, actor: input.actor }, input.extra ?? {})
    if (!moved) {
      throw refuse(MedusaError.Types.CONFLICT, `This gift is ${before.state} and cannot be ${input.to} now`, "gift_state_changed")
    }
    return new StepResponse(moved, { gift_id: input.gift_id, from: before.state as GiftState, to: input.to })
  }),
  async (undo, { container }) => {
    if (!undo) return
    await container
      .resolve<GiftModuleService>(GIFT_MODULE)
      .transition(undo.gift_id, [undo.to], undo.from, { cause: "undone", actor: "system" }, { answered_at: null, refund_reason: null })
  }
)
