import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendMailStep } from "../steps/send-mail"
import { AFTER_PIVOT } from "../purchase/fulfil-order"
import { refundKeys } from "./keys"
import { openRefundStep } from "./steps/open-refund"
import { restoreSpentPointsStep } from "./steps/restore-points"
import { planRefundCashStep } from "./steps/plan-cash"
import { refundGamePaymentStep } from "./steps/refund-payment"
import { clawbackRefundPointsStep, finishRefundStep } from "./steps/after-refund"

export type RefundGamesInput = { refund_id: string; attempt: number }

export const refundGamesWorkflowId = "refund-games"

/**
 * The refund saga for one or more games of an order, in the order of docs/ARCHITECTURE.md:
 *  1 open the refund (its share of the order, fixed once)
 *  2 restore the spent points          ┐ undone if the attempt fails here
 *  3 plan the cash (shortfall rule)    ┘
 *  4 refund the payment (pivot)          Medusa's refund flow; never undone
 *  5 claw back earned points / 6 revoke the games, mark refunded / 7 mail   retried, never undone
 * An undone attempt leaves the refund failed with its reason and a retry time (the runner).
 * Stored execution, transaction id = refund id and attempt.
 */
export const refundGamesWorkflow = createWorkflow(
  { name: refundGamesWorkflowId, store: true, idempotent: true, retentionTime: 7 * 24 * 3600 },
  (input: RefundGamesInput) => {
    const refund = openRefundStep(input)
    restoreSpentPointsStep(
      transform({ refund }, ({ refund }) => ({
        refund_id: refund.refund_id,
        attempt: refund.attempt,
        customer_id: refund.customer_id,
        points: refund.share.points_spent,
      }))
    )
    const plan = planRefundCashStep({ refund })
    const paid = refundGamePaymentStep(transform({ refund, plan }, ({ refund, plan }) => ({ refund, amount: plan.amount })))
    clawbackRefundPointsStep(transform({ refund, plan }, ({ refund, plan }) => ({ refund, points: plan.clawback_points }))).config(AFTER_PIVOT)
    finishRefundStep(transform({ refund, paid }, ({ refund, paid }) => ({ refund, payment_refund_id: paid.payment_refund_id }))).config(AFTER_PIVOT)
    sendMailStep(
      transform({ refund, plan }, ({ refund, plan }) => ({
        to: refund.email ?? "",
        customer_id: refund.customer_id,
        template: "games-refunded" as const,
        idempotency_key: refundKeys.refundedMail(refund.refund_id),
        data: {
          refund_id: refund.refund_id,
          order_id: refund.order_id,
          games: refund.games.map((g) => ({ title: g.title })),
          refund_amount: plan.amount,
          currency_code: refund.currency_code,
          points_restored: refund.share.points_spent,
          points_clawed_back: plan.clawback_points,
          gift: refund.gift,
        },
      }))
    ).config({ ...AFTER_PIVOT, name: "send-refund-mail" })
    return new WorkflowResponse(transform({ refund, plan }, ({ refund, plan }) => ({ refund_id: refund.refund_id, amount: plan.amount })))
  }
)
