import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"

/**
 * Refunds that did not go through and are not resolved yet: staff see them until the refund
 * succeeds (automatic retries with backoff, or POST .../:id/retry).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const failed = await req.scope
    .resolve<PreorderModuleService>(PREORDER_MODULE)
    .listPreorders({ refund_failure: { $ne: null } as any, status: "completed" }, { order: { updated_at: "DESC" }, take: 200 })
  res.json({
    alerts: failed.map((p) => ({
      preorder_id: p.id,
      customer_id: p.customer_id,
      order_id: p.order_id,
      cash_amount: Number(p.cash_amount),
      currency_code: p.currency_code,
      failure: p.refund_failure,
      attempts: p.refund_attempts,
      next_retry_at: p.refund_retry_at,
      updated_at: p.updated_at,
    })),
  })
}
