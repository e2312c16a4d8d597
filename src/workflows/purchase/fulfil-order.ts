import { createWorkflow, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendMailStep } from "../steps/send-mail"
import { purchaseKeys } from "./keys"
import { loadPlacedOrderStep, PlacedOrder } from "./steps/load-order"
import { capturePaymentsStep } from "./steps/capture-payments"
import { accruePurchasePointsStep } from "./steps/accrue-points"
import { grantGamesStep } from "./steps/grant-games"
import { authorizeDeferredPaymentStep, awaitPurchasePaymentStep, markAwaitingPaymentStep } from "./steps/await-payment"

export const fulfilOrderWorkflowId = "fulfil-purchase-order"

// Past the pivot a step is retried by the workflow engine every 2 seconds for a day (the money has
// moved: the saga must go forward). The retries are stored with the execution, so they survive a
// restart (the recovery job re-drives them). Only a step broken for a whole day ends in the
// saga's compensation, which gives the player their money back.
export const AFTER_PIVOT = { maxRetries: 43_200, retryInterval: 2 }

/**
 * A placed order whose payment the provider authorizes later (konbini, Pix, SEPA) waits here for
 * the webhook; paid, the session is authorized and the order read again with its payment. Orders
 * paid at once pass straight through. Returns the order the pivot works on.
 */
export function awaitDeferredPayment(order: WorkflowData<PlacedOrder>) {
  when("order-payment-deferred", { order }, ({ order }) => !!order.deferred_session).then(() => {
    markAwaitingPaymentStep({ order })
  })
  awaitPurchasePaymentStep({ order })
  const paid = when("order-payment-arrived", { order }, ({ order }) => !!order.deferred_session).then(() => {
    authorizeDeferredPaymentStep({ order })
    return loadPlacedOrderStep(transform({ order }, ({ order }) => ({ order_id: order.order_id }))).config({ name: "reload-placed-order" })
  })
  return transform({ order, paid }, ({ order, paid }) => paid ?? order)
}

/** Saga steps 6–8 on a placed, paid order: accrue points, grant the games (order completed), mail. */
export function afterPivot(order: WorkflowData<PlacedOrder>) {
  const accrued = accruePurchasePointsStep({ order }).config(AFTER_PIVOT)
  grantGamesStep(transform({ order, accrued }, ({ order, accrued }) => ({ order, points_earned: accrued?.points_earned ?? 0 }))).config(AFTER_PIVOT)
  // A gift's sender hears from the gift itself (paid, delivered, answered): no purchase mail.
  const bought = when("purchase-not-gift", { order }, ({ order }) => !order.gift_id).then(() => sendMailStep(
    transform({ order, accrued }, ({ order, accrued }) => ({
      to: order.email ?? "",
      customer_id: order.customer_id,
      template: "purchase-confirmed" as const,
      idempotency_key: purchaseKeys.confirmationMail(order.order_id),
      data: {
        order_id: order.order_id,
        currency_code: order.currency_code,
        total: order.total,
        cash_amount: order.cash_amount,
        points_used: order.points_used,
        points_earned: accrued?.points_earned ?? 0,
        games: order.games.map((g) => ({ title: g.title, release_at: g.release_at, preorder: g.preorder })),
      },
    }))
  ).config({ ...AFTER_PIVOT, name: "send-purchase-mail" }))
  return bought
}

/**
 * The purchase saga after the cart became an order, for an order placed outside the saga (a stock
 * storefront's `POST /store/carts/:id/complete`) or one whose saga skipped a step: capture (the
 * pivot for providers that capture later; a refusal cancels the order), then the steps after the
 * pivot. Transaction id: the order id.
 */
export const fulfilOrderWorkflow = createWorkflow(
  { name: fulfilOrderWorkflowId, store: true, idempotent: true, retentionTime: 7 * 24 * 3600 },
  (input: { order_id: string }) => {
    const placed = loadPlacedOrderStep(input)
    const order = awaitDeferredPayment(placed)
    capturePaymentsStep({ order, cancel_on_failure: true })
    afterPivot(order)
    return new WorkflowResponse({ order_id: input.order_id })
  }
)
