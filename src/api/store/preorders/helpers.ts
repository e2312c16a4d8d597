export function preorderView(p: any) {
  return {
    id: p.id,
    status: p.status,
    game_id: p.game_id,
    order_id: p.order_id,
    currency_code: p.currency_code,
    total: Number(p.total),
    points_used: p.points_used,
    cash_amount: Number(p.cash_amount),
    points_earned: p.points_earned,
    payment_method: p.payment_method,
    payment_instructions: p.status === "awaiting_payment" ? p.payment_instructions : null,
    failure_reason: p.failure_reason,
    failure_message: p.failure_message,
    created_at: p.created_at,
    completed_at: p.completed_at,
    refund_amount: p.refund_amount === null || p.refund_amount === undefined ? null : Number(p.refund_amount),
    refund_shortfall_points: p.refund_shortfall_points,
    refund_failure: p.refund_failure,
    refunded_at: p.refunded_at,
  }
}
