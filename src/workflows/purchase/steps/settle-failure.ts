import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { announceSettled } from "../../settlement"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { sendMail } from "../../steps/send-mail"
import { purchaseKeys } from "../keys"
import { giftPaymentFailed } from "../../gift/refund-gift"

/** Why the payment of a cart failed, as its payment session tells it. */
async function paymentReason(container: any, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["payment_collection.payment_sessions.status", "payment_collection.payment_sessions.data"],
    filters: { id: cartId },
  })
  const session = (cart as any)?.payment_collection?.payment_sessions?.[0]
  if (session?.status === "requires_more") return "authentication_required"
  if (session?.status === "error" || session?.data?.decline_reason) return "declined"
  return null
}

/**
 * The saga's first step does nothing forward; its compensation is the last thing an undone
 * purchase runs: every other step is compensated by then, so the purchase is marked failed (with
 * the reason a step recorded, or the payment session's) and the player told.
 */
export const settleFailureStep = createStep(
  "settle-purchase-failure",
  async (input: { purchase_id: string; cart_id: string }) => new StepResponse(null, input),
  async (input, { container }) => {
    if (!input) return
    const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
    const purchase = await purchases.retrievePurchase(input.purchase_id)
    // A step that failed after its effect is not compensated by Medusa (only finished steps are):
    // whatever is still held for the cart is released here, once, whoever held it.
    await container.resolve<PointsModuleService>(POINTS_MODULE).releaseHeld({
      customer_id: purchase.customer_id,
      reference_id: input.cart_id,
      idempotency_key: purchaseKeys.release(input.cart_id),
      reason: "purchase undone",
    })
    const reason = purchase.failure_reason ?? (await paymentReason(container, input.cart_id)) ?? "payment_failed"
    const moved = await purchases.transition(input.purchase_id, ["pending", "awaiting_payment"], "failed", { failure_reason: reason })
    if (purchase.gift_id) await giftPaymentFailed(container, purchase.gift_id, reason)
    if (moved) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: [customer] } = await query.graph({ entity: "customer", fields: ["email"], filters: { id: purchase.customer_id } })
      await sendMail(container, {
        to: (customer as any)?.email ?? "",
        customer_id: purchase.customer_id,
        template: "purchase-failed",
        idempotency_key: purchaseKeys.failureMail(input.purchase_id),
        data: { purchase_id: input.purchase_id, reason, games: ((purchase.items ?? []) as unknown as any[]).map((g) => ({ title: g.title })) },
      })
    }
    announceSettled(input.purchase_id)
  }
)
