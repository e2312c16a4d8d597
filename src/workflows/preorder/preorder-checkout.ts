import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { postPointsStep } from "../steps/post-points"
import { PreorderQuote, validatePreorderStep } from "./steps/validate-preorder"
import { createPendingOrderStep } from "./steps/create-pending-order"
import { getPointsBalanceStep } from "./steps/get-points-balance"
import { capturePaymentStep } from "./steps/capture-payment"
import { accruePointsStep } from "./steps/accrue-points"
import { completePreorderStep } from "./steps/complete-preorder"
import { quoteMailData, sendMailStep } from "./steps/send-mail"

export type PreorderCheckoutInput = {
  preorder_id: string
  /** The request's quote, also stored on the pre-order record. */
  quote: PreorderQuote
  payment?: { method: string; account?: string; authentication?: string } | null
}

export const preorderCheckoutWorkflowId = "preorder-checkout"

// After the pivot a step is retried; if it still fails it skips the rest instead of compensating,
// and the saga is driven forward by settle/recovery (docs/ARCHITECTURE.md: never undo past the pivot).
const RETRY = { maxRetries: 5, skipOnPermanentFailure: true }

/**
 * The pre-order saga, in the order of docs/ARCHITECTURE.md: validate → create order (pending) → read points →
 * hold points → payment (pivot) → accrue points → complete order + entitlement → email.
 */
export const preorderCheckoutWorkflow = createWorkflow(
  preorderCheckoutWorkflowId,
  (input: PreorderCheckoutInput) => {
    const quote = validatePreorderStep(transform({ input }, ({ input }) => ({ quote: input.quote })))
    const order = createPendingOrderStep(transform({ input, quote }, ({ input, quote }) => ({ preorder_id: input.preorder_id, quote })))
    getPointsBalanceStep(transform({ quote }, ({ quote }) => ({ customer_id: quote.customer_id })))
    when({ quote }, ({ quote }) => quote.points_used > 0).then(() => {
      postPointsStep(
        transform({ input, quote }, ({ input, quote }) => ({
          customer_id: quote.customer_id,
          kind: "hold" as const,
          points: quote.points_used,
          idempotency_key: `${input.preorder_id}:hold`,
          reference_id: input.preorder_id,
          reason: `pre-order of ${quote.title}`,
        }))
      )
    })
    const paid = when({ quote }, ({ quote }) => quote.cash_amount > 0).then(() =>
      capturePaymentStep(
        transform({ input, quote, order }, ({ input, quote, order }) => ({
          preorder_id: input.preorder_id,
          order_id: order.order_id,
          quote,
          payment: input.payment!,
        }))
      )
    )
    // An asynchronous method (konbini, Pix, SEPA) stops here, awaiting the provider's webhook,
    // which drives the same post-pivot steps (resume-preorder).
    when({ paid }, ({ paid }) => !paid?.awaiting).then(() => {
      const accrued = accruePointsStep(
        transform({ input, quote }, ({ input, quote }) => ({ preorder_id: input.preorder_id, quote }))
      ).config(RETRY)
      completePreorderStep(
        transform({ input, quote, order }, ({ input, quote, order }) => ({
          preorder_id: input.preorder_id,
          order_id: order.order_id,
          quote,
        }))
      ).config(RETRY)
      sendMailStep(
        transform({ input, quote, accrued }, ({ input, quote, accrued }) => ({
          to: quote.email,
          customer_id: quote.customer_id,
          template: "preorder-confirmed" as const,
          idempotency_key: `${input.preorder_id}:confirmed`,
          data: { ...quoteMailData(quote), preorder_id: input.preorder_id, points_earned: accrued.points_earned },
        }))
      ).config({ ...RETRY, name: "send-preorder-mail" })
    })
    return new WorkflowResponse({ preorder_id: input.preorder_id, order_id: order.order_id })
  }
)
