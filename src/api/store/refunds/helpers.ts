import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { requestRefund } from "../../../workflows/game-refund/request-refund"

export function refundView(r: any) {
  return {
    id: r.id,
    status: r.status,
    order_id: r.order_id,
    purchase_id: r.purchase_id,
    games: ((r.games ?? []) as any[]).map((g) => ({ game_id: g.game_id, title: g.title, total: g.total })),
    currency_code: r.currency_code,
    amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
    points_restored: r.points_restored,
    points_clawed_back: r.status === "refunded" ? r.points_clawed_back : null,
    shortfall_points: r.shortfall_points,
    attempts: r.attempts,
    failure_reason: r.failure_reason,
    next_retry_at: r.retry_at,
    created_at: r.created_at,
    refunded_at: r.refunded_at,
  }
}

/** A refund request from a route: the optional Idempotency-Key checked, the refund answered 202. */
export async function refundFromRequest(
  scope: MedusaContainer,
  input: { customer_id: string; order_id: string; game_ids?: string[]; key: unknown }
) {
  if (input.key !== undefined && (typeof input.key !== "string" || !/^[\w:.-]{8,100}$/.test(input.key))) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The Idempotency-Key header must be 8-100 characters")
  }
  const { refund } = await requestRefund(scope, {
    customer_id: input.customer_id,
    order_id: input.order_id,
    game_ids: input.game_ids,
    idempotency_key: input.key as string | undefined,
  })
  return refundView(refund)
}
