import type { MedusaContainer } from "@medusajs/framework/types"
import { GIFT_MODULE } from "../../modules/gift"
import type { GiftState } from "../../modules/gift/models/gift"
import type GiftModuleService from "../../modules/gift/service"
import { SYSTEM } from "../../modules/gift/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { runRefundAttempt } from "../game-refund/request-refund"
import { giftKeys } from "./keys"

/** The purchase saga undid the payment of a gift: the gift never existed for its recipient. */
export async function giftPaymentFailed(container: MedusaContainer, giftId: string, reason: string) {
  await container
    .resolve<GiftModuleService>(GIFT_MODULE)
    .transition(giftId, ["paying"], "failed", { cause: "payment_failed", actor: SYSTEM }, { failure_reason: reason })
}

/**
 * Gives the sender their money and points back for an answered or cancelled gift, through the
 * refund saga of the gift's order (the same shares and shortfall rule as any refund). The refund
 * is recorded once per gift (its key); asking again answers with it. Returns the attempt's
 * settlement, which resolves when the saga has run.
 */
export async function startGiftRefund(container: MedusaContainer, giftId: string): Promise<{ refund_id: string; settled: Promise<void> | null }> {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const refunds = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
  const gift = await gifts.retrieveGift(giftId)
  const key = giftKeys.refund(giftId)
  const [known] = await refunds.listGameRefunds({ customer_id: gift.sender_id, idempotency_key: key }, { take: 1 })
  if (known) {
    if (!gift.refund_id) await gifts.updateGifts({ id: giftId, refund_id: known.id })
    return { refund_id: known.id, settled: null }
  }
  const [purchase] = await refunds.listPurchases({ id: gift.purchase_id! }, { select: ["id", "items", "order_id"], take: 1 })
  const games = ((purchase?.items ?? []) as unknown as any[]).map((g) => ({ game_id: g.game_id, title: g.title, line_item_id: g.line_item_id, total: g.total }))
  let refund
  try {
    refund = await refunds.createGameRefunds({
      customer_id: gift.sender_id,
      order_id: gift.order_id ?? purchase!.order_id!,
      purchase_id: gift.purchase_id,
      idempotency_key: key,
      games: games as any,
      currency_code: gift.currency_code,
      status: "refunding",
      attempts: 1,
    })
  } catch (e: any) {
    // Two answers racing (a decline and the expiry job): the other recorded it.
    const [raced] = await refunds.listGameRefunds({ customer_id: gift.sender_id, idempotency_key: key }, { take: 1 })
    if (!raced) throw e
    return { refund_id: raced.id, settled: null }
  }
  await gifts.updateGifts({ id: giftId, refund_id: refund.id })
  return { refund_id: refund.id, settled: runRefundAttempt(container, refund.id, 1) }
}

const REFUNDABLE: GiftState[] = ["declined", "expired", "cancelled", "accepted"]

/** The refund saga's finish step: a refunded gift's money is back with its sender. */
export async function giftRefunded(container: MedusaContainer, refundId: string) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const [gift] = await gifts.listGifts({ refund_id: refundId }, { select: ["id"], take: 1 })
  if (!gift) return
  await gifts.transition(gift.id, REFUNDABLE, "refunded", { cause: "refund_settled", actor: SYSTEM }, { refunded_at: new Date() })
}
