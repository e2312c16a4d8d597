import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { GIFT_MODULE } from "../../../modules/gift"
import type { GiftState } from "../../../modules/gift/models/gift"
import type GiftModuleService from "../../../modules/gift/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { faultPoint } from "../../faults"
import { refuse } from "../../purchase/cart-rules"
import { giftKeys } from "../keys"

export type GiftMove = {
  gift_id: string
  from: GiftState[]
  to: GiftState
  cause: string
  actor: string
  extra?: Record<string, unknown>
}

type MoveUndo = { gift_id: string; from: GiftState; to: GiftState }

/** Changes that follow an answer by themselves (the refund saga's finish), not answers of their own. */
const FOLLOW_UPS = new Set(["refund_settled"])

/**
 * Moves the gift (compare-and-set with its history entry): of two answers only one wins, the other
 * is a 409. Run again for the same answer (a recovered run whose process died after the move), it
 * finds the move in the gift's history and goes on. Undone, the gift goes back to the state it was
 * in, recorded as such — unless its refund is recorded (a closed gift stays closed, the refund saga
 * moves it to refunded). A failure after the move undoes it here: Medusa compensates only the
 * steps that finished.
 */
export const moveGiftStep = createStep(
  "move-gift",
  async (input: GiftMove, { container }) => {
    await faultPoint("move-gift:before")
    const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
    const before = await gifts.retrieveGift(input.gift_id, { select: ["id", "state"] })
    let moved: any = await gifts.transition(input.gift_id, input.from, input.to, { cause: input.cause, actor: input.actor }, input.extra ?? {})
    let from = before.state as GiftState
    if (!moved) {
      const made = await moveMadeAlready(container, input)
      if (!made) {
        throw refuse(MedusaError.Types.CONFLICT, `This gift is ${before.state} and cannot be ${input.to} now`, "gift_state_changed")
      }
      ;({ gift: moved, from } = made)
    }
    const undo: MoveUndo = { gift_id: input.gift_id, from, to: input.to }
    try {
      await faultPoint("move-gift:after")
    } catch (e) {
      await undoMove(container, undo)
      throw e
    }
    return new StepResponse(moved, undo)
  },
  async (undo, { container }) => {
    if (!undo) return
    await undoMove(container, undo)
  }
)

/**
 * The same answer made before (same target, cause and actor), and nothing but its follow-ups
 * since: the gift as it is, and the state the answer moved it from.
 */
async function moveMadeAlready(container: MedusaContainer, input: GiftMove) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const events = await gifts.listGiftEvents({ gift_id: input.gift_id }, { order: { created_at: "DESC", id: "DESC" }, take: 20 })
  const last = events.find((e) => !FOLLOW_UPS.has(e.cause))
  if (!last || last.to_state !== input.to || last.cause !== input.cause || last.actor !== input.actor) return null
  const gift = await gifts.retrieveGift(input.gift_id)
  return { gift, from: last.from_state as GiftState }
}

async function undoMove(container: MedusaContainer, undo: MoveUndo) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const gift = await gifts.retrieveGift(undo.gift_id, { select: ["id", "sender_id", "refund_id"] })
  if (gift.refund_id) return
  const [refund] = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listGameRefunds({ customer_id: gift.sender_id, idempotency_key: giftKeys.refund(gift.id) }, { select: ["id"], take: 1 })
  if (refund) return
  await gifts.transition(undo.gift_id, [undo.to], undo.from, { cause: "undone", actor: "system" }, { answered_at: null, refund_reason: null })
}
