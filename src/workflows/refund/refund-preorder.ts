import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { postPointsStep } from "../steps/post-points"
import { sendMailStep } from "../preorder/steps/send-mail"
import { markOrderCancelPendingStep, openRefundStep } from "./steps/open-refund"
import { planRefundStep } from "./steps/plan-refund"
import { refundPaymentStep } from "./steps/refund-payment"
import { finishRefundStep } from "./steps/finish-refund"
import { clawbackPointsStep } from "./steps/clawback-points"
import { refundReleaseKey } from "./refund-failure"

export const refundPreorderWorkflowId = "refund-preorder"

// After the pivot a step is retried; if it still fails it skips the rest instead of compensating,
// and the saga is driven forward by settle/recovery (docs/ARCHITECTURE.md: never undo past the pivot).
const RETRY = { maxRetries: 5, skipOnPermanentFailure: true }

/**
 * The refund saga, in the order of docs/ARCHITECTURE.md: refund request → cancel order (pending) → restore spent
 * points → refund payment (pivot) → claw back earned points → complete cancellation → email.
 */
export const refundPreorderWorkflow = createWorkflow(
  refundPreorderWorkflowId,
  (input: { preorder_id: string; attempt: number; email: string; title: string }) => {
    const record = openRefundStep({ preorder_id: input.preorder_id })
    markOrderCancelPendingStep(transform({ record }, ({ record }) => ({ order_id: record.order_id! })))
    when({ record }, ({ record }) => record.points_used > 0).then(() => {
      postPointsStep(
        transform({ input, record }, ({ input, record }) => ({
          customer_id: record.customer_id,
          kind: "release" as const,
          points: record.points_used,
          idempotency_key: refundReleaseKey(record.id, input.attempt),
          reference_id: record.id,
          reason: "refund: spent points restored",
        }))
      )
    })
    const plan = planRefundStep({ preorder_id: input.preorder_id })
    refundPaymentStep(
      transform({ input, plan }, ({ input, plan }) => ({ preorder_id: input.preorder_id, refund_amount: plan.refund_amount }))
    )
    when({ plan }, ({ plan }) => plan.clawback_points > 0).then(() => {
      clawbackPointsStep(
        transform({ record, plan }, ({ record, plan }) => ({
          customer_id: record.customer_id,
          points: plan.clawback_points,
          preorder_id: record.id,
        }))
      ).config(RETRY)
    })
    finishRefundStep(
      transform({ record }, ({ record }) => ({ preorder_id: record.id, order_id: record.order_id! }))
    ).config(RETRY)
    sendMailStep(
      transform({ input, record, plan }, ({ input, record, plan }) => ({
        to: input.email,
        customer_id: record.customer_id,
        template: "preorder-refunded" as const,
        idempotency_key: `${record.id}:refunded`,
        data: {
          preorder_id: record.id,
          title: input.title,
          refund_amount: plan.refund_amount,
          currency_code: record.currency_code,
          points_restored: record.points_used,
          points_clawed_back: plan.clawback_points,
        },
      }))
    ).config({ ...RETRY, name: "send-refund-mail" })
    return new WorkflowResponse({ preorder_id: input.preorder_id })
  }
)
