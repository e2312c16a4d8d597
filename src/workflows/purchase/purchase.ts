import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { settleFailureStep } from "./steps/settle-failure"
import { loadPlacedOrderStep } from "./steps/load-order"
import { placeOrderStep } from "./steps/place-order"
import { capturePaymentsStep } from "./steps/capture-payments"
import { afterPivot, awaitDeferredPayment } from "./fulfil-order"

export type PurchaseWorkflowInput = { purchase_id: string; cart_id: string }

export const purchaseWorkflowId = "purchase"

/**
 * The purchase saga, in the order of docs/ARCHITECTURE.md, on Medusa's own flows:
 *  1 validate the cart               ┐ Medusa's completeCartWorkflow: our validate hook checks the
 *  2 create the order (pending)      │ purchase rules (the request checked them too), Medusa creates
 *  3 read points / 4 hold points     │ the order, our beforePaymentAuthorization hook holds the
 *  5 payment: authorize              ┘ points, then the payment module authorizes
 *    deferred methods (konbini, Pix, SEPA) wait here for the provider's webhook, then authorize
 *  5 capture (pivot)                   Medusa's capture flow (order transaction, payment.captured)
 *  6 accrue / 7 complete / 8 mail      retried, never undone
 * A failure before the pivot compensates every step in reverse (Medusa's own compensation cancels
 * the order and the authorization, ours releases the points); the last marks the purchase failed.
 * Stored execution, transaction id = the purchase id.
 */
export const purchaseWorkflow = createWorkflow(
  { name: purchaseWorkflowId, store: true, idempotent: true, retentionTime: 7 * 24 * 3600 },
  (input: PurchaseWorkflowInput) => {
    settleFailureStep(input)
    const completed = placeOrderStep({ cart_id: input.cart_id })
    const placed = loadPlacedOrderStep(transform({ completed }, ({ completed }) => ({ order_id: completed.id })))
    const order = awaitDeferredPayment(placed)
    capturePaymentsStep({ order, cancel_on_failure: false })
    afterPivot(order)
    return new WorkflowResponse(transform({ input, order }, ({ input, order }) => ({ purchase_id: input.purchase_id, order_id: order.order_id })))
  }
)
