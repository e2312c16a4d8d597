import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendMailStep } from "../preorder/steps/send-mail"
import { clawbackPointsStep } from "./steps/clawback-points"
import { finishRefundStep } from "./steps/finish-refund"

// Past the pivot: retried, and on a lasting failure skipped (the recovery job tries again later).
const RETRY = { maxRetries: 5, skipOnPermanentFailure: true }

export const resumeRefundWorkflowId = "resume-refund"

/** The refund steps after the payment pivot, for a refund whose process died past the pivot. */
export const resumeRefundWorkflow = createWorkflow(
  resumeRefundWorkflowId,
  (input: {
    preorder_id: string
    customer_id: string
    order_id: string
    clawback_points: number
    email: string
    title: string
    refund_amount: number
    currency_code: string
    points_used: number
  }) => {
    when({ input }, ({ input }) => input.clawback_points > 0).then(() => {
      clawbackPointsStep(
        transform({ input }, ({ input }) => ({
          customer_id: input.customer_id,
          points: input.clawback_points,
          preorder_id: input.preorder_id,
        }))
      ).config(RETRY)
    })
    finishRefundStep(transform({ input }, ({ input }) => ({ preorder_id: input.preorder_id, order_id: input.order_id }))).config(RETRY)
    sendMailStep(
      transform({ input }, ({ input }) => ({
        to: input.email,
        customer_id: input.customer_id,
        template: "preorder-refunded" as const,
        idempotency_key: `${input.preorder_id}:refunded`,
        data: {
          preorder_id: input.preorder_id,
          title: input.title,
          refund_amount: input.refund_amount,
          currency_code: input.currency_code,
          points_restored: input.points_used,
          points_clawed_back: input.clawback_points,
        },
      }))
    ).config(RETRY)
    return new WorkflowResponse({ preorder_id: input.preorder_id })
  }
)
