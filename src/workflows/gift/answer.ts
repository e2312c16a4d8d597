import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { GIFT_MODULE } from "../../modules/gift"
import type { GiftState } from "../../modules/gift/models/gift"
import type GiftModuleService from "../../modules/gift/service"
import { SYSTEM } from "../../modules/gift/service"
import type { GiftTemplate } from "../../modules/mail/gift-templates"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { refuse } from "../purchase/cart-rules"
import { grantGiftStep } from "./steps/grant-gift"
import { giftMailsStep } from "./steps/gift-mails"
import { moveGiftStep } from "./steps/answer-gift"
import { refundGiftStep } from "./steps/refund-gift"

export const acceptGiftWorkflowId = "accept-gift"
export const closeGiftWorkflowId = "close-gift"
/** A recipient accepted a gift and owns its game: data `{ gift_id, customer_id, game_id }`. */
export const GIFT_ACCEPTED_EVENT = "gift.accepted"

/**
 * Accept: the gift is answered (once), the game enters the recipient's library, the sender is
 * told. A failed grant (they came to own it meanwhile) undoes the answer.
 */
export const acceptGiftWorkflow = createWorkflow(
  { name: acceptGiftWorkflowId, store: true, idempotent: true, retentionTime: 7 * 24 * 3600 },
  (input: { gift_id: string; customer_id: string; game_id: string; order_id: string }) => {
    const moved = moveGiftStep(
      transform({ input }, ({ input }) => ({
        gift_id: input.gift_id,
        from: ["delivered"] as GiftState[],
        to: "accepted" as GiftState,
        cause: "accepted",
        actor: `customer:${input.customer_id}`,
        extra: { answered_at: new Date() },
      }))
    )
    grantGiftStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id, game_id: input.game_id, order_id: input.order_id })))
    giftMailsStep(transform({ input }, ({ input }) => ({ gift_id: input.gift_id, template: "gift-accepted" as GiftTemplate, to: ["sender" as const] })))
    // Held until the workflow succeeds, so an undone acceptance announces nothing.
    emitEventStep({
      eventName: GIFT_ACCEPTED_EVENT,
      data: transform({ input }, ({ input }) => ({ gift_id: input.gift_id, customer_id: input.customer_id, game_id: input.game_id })),
    })
    return new WorkflowResponse(moved)
  }
)

export type CloseGift = {
  gift_id: string
  from: GiftState[]
  to: GiftState
  cause: string
  actor: string
  refund_reason: string
  template: GiftTemplate
  tell: ("sender" | "recipient")[]
  answered: boolean
}

/** Decline, cancel, expiry, block, already owned: the gift closes, both sides are told, the sender is refunded. */
export const closeGiftWorkflow = createWorkflow({ name: closeGiftWorkflowId, store: true, idempotent: true, retentionTime: 7 * 24 * 3600 }, (input: CloseGift) => {
  const moved = moveGiftStep(
    transform({ input }, ({ input }) => ({
      gift_id: input.gift_id,
      from: input.from,
      to: input.to,
      cause: input.cause,
      actor: input.actor,
      extra: { refund_reason: input.refund_reason, ...(input.answered ? { answered_at: new Date() } : {}) },
    }))
  )
  const refund = refundGiftStep(transform({ input }, ({ input }) => ({ gift_id: input.gift_id })))
  giftMailsStep(transform({ input }, ({ input }) => ({ gift_id: input.gift_id, template: input.template, to: input.tell })))
  return new WorkflowResponse(transform({ moved, refund }, ({ moved, refund }) => ({ ...moved, refund_id: refund.refund_id })))
})

const notFound = (id: string) => new MedusaError(MedusaError.Types.NOT_FOUND, `Gift '${id}' not found`)

/** A gift as its recipient may see it: delivered to them (a scheduled gift is still a surprise). */
async function receivedGift(container: MedusaContainer, giftId: string, customerId: string) {
  const [gift] = await container.resolve<GiftModuleService>(GIFT_MODULE).listGifts({ id: giftId, recipient_id: customerId }, { take: 1 })
  if (!gift || !gift.delivered_at) throw notFound(giftId)
  return gift
}

function assertOpen(gift: { state: string }) {
  if (gift.state !== "delivered") throw refuse(MedusaError.Types.CONFLICT, `This gift was ${gift.state} already`, "gift_answered")
}

export async function acceptGift(container: MedusaContainer, giftId: string, customerId: string) {
  const gift = await receivedGift(container, giftId, customerId)
  assertOpen(gift)
  const owned = await container.resolve<LibraryModuleService>(LIBRARY_MODULE).ownedGameIds(customerId, [gift.game_id])
  if (!owned.has(gift.game_id)) {
    const { errors } = await acceptGiftWorkflow(container).run({
      input: { gift_id: gift.id, customer_id: customerId, game_id: gift.game_id, order_id: gift.order_id! },
      throwOnError: false,
    })
    if (!errors.length) return retrieve(container, gift.id)
    const error: any = errors[0].error
    if (error?.code !== "already_owned") throw error
  }
  // They came to own it another way: the gift cannot be taken, its sender is refunded.
  await closeAsAlreadyOwned(container, gift.id)
  throw refuse(MedusaError.Types.CONFLICT, `You own ${gift.game_title} already: the gift went back to its sender`, "already_owned")
}

/** An accepted gift the recipient came to own another way: declined as such, the sender refunded. */
export function closeAsAlreadyOwned(container: MedusaContainer, giftId: string) {
  return closeGift(container, giftId, {
    from: ["delivered"],
    to: "declined",
    cause: "already_owned",
    actor: SYSTEM,
    refund_reason: "already_owned",
    template: "gift-refused",
    tell: ["sender", "recipient"],
    answered: true,
  })
}

export async function declineGift(container: MedusaContainer, giftId: string, customerId: string) {
  const gift = await receivedGift(container, giftId, customerId)
  assertOpen(gift)
  return closeGift(container, gift.id, {
    from: ["delivered"],
    to: "declined",
    cause: "declined",
    actor: `customer:${customerId}`,
    refund_reason: "declined",
    template: "gift-declined",
    tell: ["sender", "recipient"],
    answered: true,
  })
}

/** A sender takes a gift back before it is delivered. */
export async function cancelGift(container: MedusaContainer, giftId: string, customerId: string) {
  const [gift] = await container.resolve<GiftModuleService>(GIFT_MODULE).listGifts({ id: giftId, sender_id: customerId }, { take: 1 })
  if (!gift) throw notFound(giftId)
  if (gift.state !== "scheduled") {
    throw refuse(MedusaError.Types.CONFLICT, `A ${gift.state} gift cannot be cancelled: only before its delivery`, "gift_not_cancellable")
  }
  return closeGift(container, gift.id, {
    from: ["scheduled"],
    to: "cancelled",
    cause: "cancelled",
    actor: `customer:${customerId}`,
    refund_reason: "cancelled",
    template: "gift-cancelled",
    tell: ["sender"],
    answered: false,
  })
}

export async function closeGift(container: MedusaContainer, giftId: string, close: Omit<CloseGift, "gift_id">) {
  const { result, errors } = await closeGiftWorkflow(container).run({ input: { gift_id: giftId, ...close }, throwOnError: false })
  if (!errors.length) return result
  // Past its pivot (the refund recorded) a close stands even if a later step gave up: the refund
  // saga returns the money and the gift turns refunded, so the answer is accepted, not a 500.
  const gift = await retrieve(container, giftId)
  if (gift.refund_id && [close.to, "refunded"].includes(gift.state)) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`close-gift ${giftId}: ${errors[0].error?.message ?? "a step failed"} after its refund was recorded`)
    return { ...gift, refund_id: gift.refund_id }
  }
  throw errors[0].error
}

async function retrieve(container: MedusaContainer, id: string) {
  return container.resolve<GiftModuleService>(GIFT_MODULE).retrieveGift(id)
}

/** The expiry job: delivered gifts unanswered past their time are refunded, both sides told. */
export async function expireGifts(container: MedusaContainer, now = new Date()) {
  const due = await container
    .resolve<GiftModuleService>(GIFT_MODULE)
    .listGifts({ state: "delivered", expires_at: { $lte: now } } as any, { select: ["id"], take: 200, order: { expires_at: "ASC" } })
  let expired = 0
  for (const g of due) {
    const done = await closeGift(container, g.id, {
      from: ["delivered"],
      to: "expired",
      cause: "expired",
      actor: SYSTEM,
      refund_reason: "expired",
      template: "gift-expired",
      tell: ["sender", "recipient"],
      answered: false,
    }).catch(() => null)
    if (done) expired++
  }
  return expired
}

/** A block ends every open gift between the two players, whoever sent it. */
export async function cancelGiftsBetween(container: MedusaContainer, a: string, b: string, actor: string) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const open = [
    ...(await gifts.listGifts({ sender_id: a, recipient_id: b, state: ["scheduled", "delivered"] }, { select: ["id", "state"] })),
    ...(await gifts.listGifts({ sender_id: b, recipient_id: a, state: ["scheduled", "delivered"] }, { select: ["id", "state"] })),
  ]
  for (const g of open) {
    await closeGift(container, g.id, {
      from: ["scheduled", "delivered"],
      to: "cancelled",
      cause: "blocked",
      actor,
      refund_reason: "blocked",
      template: "gift-cancelled",
      tell: ["sender"],
      answered: false,
    }).catch(() => null)
  }
  return open.length
}
