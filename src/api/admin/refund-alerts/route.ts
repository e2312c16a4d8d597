import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"

/**
 * Refunds that did not go through and are not resolved yet: staff see them until the refund
 * succeeds (automatic retries with backoff, or POST .../:id/retry).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const failed = await req.scope
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listGameRefunds({ status: "failed" }, { order: { updated_at: "DESC" }, take: 200 })
  res.json({
    alerts: failed.map((r) => ({
      refund_id: r.id,
      customer_id: r.customer_id,
      order_id: r.order_id,
      purchase_id: r.purchase_id,
      games: ((r.games ?? []) as unknown as { game_id: string; title: string }[]).map((g) => ({ game_id: g.game_id, title: g.title })),
      amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
      currency_code: r.currency_code,
      failure: r.failure_reason,
      message: r.failure_message,
      attempts: r.attempts,
      next_retry_at: r.retry_at,
      updated_at: r.updated_at,
    })),
  })
}
