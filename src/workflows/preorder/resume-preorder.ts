import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { accruePointsStep } from "./steps/accrue-points"
import { completePreorderStep } from "./steps/complete-preorder"
import { quoteMailData, sendMailStep } from "./steps/send-mail"
import type { PreorderQuote } from "./steps/validate-preorder"

// Past the pivot: retried, and on a lasting failure skipped (the recovery job tries again later).
const RETRY = { maxRetries: 5, skipOnPermanentFailure: true }

export const resumePreorderWorkflowId = "resume-preorder"

/** The steps after the payment pivot, for a saga whose process died past the pivot. */
export const resumePreorderWorkflow = createWorkflow(
  resumePreorderWorkflowId,
  (input: { preorder_id: string; order_id: string; quote: PreorderQuote }) => {
    const accrued = accruePointsStep(transform({ input }, ({ input }) => ({ preorder_id: input.preorder_id, quote: input.quote }))).config(RETRY)
    completePreorderStep(input).config(RETRY)
    sendMailStep(
      transform({ input, accrued }, ({ input, accrued }) => ({
        to: input.quote.email,
        customer_id: input.quote.customer_id,
        template: "preorder-confirmed" as const,
        idempotency_key: `${input.preorder_id}:confirmed`,
        data: { ...quoteMailData(input.quote), preorder_id: input.preorder_id, points_earned: accrued.points_earned },
      }))
    ).config(RETRY)
    return new WorkflowResponse({ preorder_id: input.preorder_id })
  }
)
