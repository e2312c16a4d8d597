export function purchaseView(p: any) {
  return {
    id: p.id,
    status: p.status,
    cart_id: p.cart_id,
    order_id: p.order_id,
    currency_code: p.currency_code,
    total: Number(p.total),
    discount_total: Number(p.discount_total ?? 0),
    points_used: p.points_used,
    cash_amount: Number(p.cash_amount),
    points_earned: p.points_earned,
    payment_provider_id: p.payment_provider_id,
    payment_method: p.payment_method,
    items: ((p.items ?? []) as any[]).map((g) => ({ game_id: g.game_id, title: g.title, preorder: g.preorder, release_at: g.release_at, total: g.total })),
    payment_instructions: p.payment_instructions ?? null,
    payment_due_at: p.payment_due_at ?? null,
    failure_reason: p.failure_reason,
    failure_message: p.failure_message,
    created_at: p.created_at,
    completed_at: p.completed_at,
  }
}

export const UNSETTLED_PURCHASE = ["pending"]
