import type { MedusaContainer } from "@medusajs/framework/types"
import { GIFT_MODULE } from "../../modules/gift"
import type { GiftState } from "../../modules/gift/models/gift"
import type GiftModuleService from "../../modules/gift/service"
import { SYSTEM } from "../../modules/gift/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { MedusaError } from "@medusajs/framework/utils"
import { requestRefund, runRefundAttempt } from "../game-refund/request-refund"
import { refuse } from "../purchase/cart-rules"
import { GIFT_REFUND_PREFIX, giftKeys } from "./keys"

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

/**
 * After acceptance a gift is refunded like a purchase: its recipient asks, under the purchase
 * refund policy counted from the day they accepted (pre-orders until release; else 14 days and
 * under 2 hours of play), and the money and points go back to the sender, whose order paid. The
 * refund is keyed by the gift, so asking twice answers with the same refund.
 */
export async function refundAcceptedGift(container: MedusaContainer, giftId: string, customerId: string) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const [gift] = await gifts.listGifts({ id: giftId, recipient_id: customerId }, { take: 1 })
  if (!gift || !gift.delivered_at) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Gift '${giftId}' not found`)
  if (gift.state !== "accepted" || (gift.refund_reason && gift.refund_reason !== "requested")) {
    throw refuse(MedusaError.Types.CONFLICT, `A ${gift.state} gift cannot be refunded: only one you accepted`, "gift_not_refundable")
  }
  const { refund } = await requestRefund(container, {
    customer_id: gift.sender_id,
    order_id: gift.order_id!,
    game_ids: [gift.game_id],
    idempotency_key: giftKeys.refund(gift.id),
    gift_id: gift.id,
  })
  // The saga may already have finished: only an accepted gift still waits for its refund id.
  await gifts.updateGifts({ selector: { id: gift.id, state: "accepted" }, data: { refund_id: refund.id, refund_reason: "requested" } })
  return gifts.retrieveGift(gift.id)
}

/** The refund saga's finish step: a refunded gift's money is back with its sender. */
export async function giftRefunded(container: MedusaContainer, refundId: string) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const refund = await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).retrieveGameRefund(refundId, { select: ["id", "idempotency_key"] })
  // The key names the gift, so a refund whose id the gift has not recorded yet still finds it.
  const key = refund.idempotency_key ?? ""
  const [gift] = key.startsWith(GIFT_REFUND_PREFIX)
    ? await gifts.listGifts({ id: key.slice(GIFT_REFUND_PREFIX.length) }, { select: ["id"], take: 1 })
    : await gifts.listGifts({ refund_id: refundId }, { select: ["id"], take: 1 })
  if (!gift) return
  await gifts.transition(gift.id, REFUNDABLE, "refunded", { cause: "refund_settled", actor: SYSTEM }, { refunded_at: new Date(), refund_id: refundId })
}
