import { defaultCurrencies } from "@medusajs/framework/utils"

/** Rounds an amount to its currency's smallest unit (2 digits for USD, none for JPY and KRW). */
export function roundToCurrency(amount: number, currency: string) {
  const digits = defaultCurrencies[currency.toUpperCase()]?.decimal_digits ?? 2
  const unit = 10 ** digits
  // Through 6 decimals first, so 1.005 (1.00499… in binary) rounds to 1.01 as written.
  return Math.round(Number((amount * unit).toFixed(6))) / unit
}

export type RefundShare = { cash: number; points_spent: number; points_earned: number }

export type ShareInput = {
  currency_code: string
  /** Each game of the order and what its line cost after promotions. */
  lines: { game_id: string; total: number }[]
  /** What the order took: cash captured, points spent on it, points it earned. */
  paid: RefundShare
  /** The games of this refund. */
  game_ids: string[]
  /** Other refunds of the same order: their games and the share they fixed (null: not fixed yet). */
  others: { game_ids: string[]; share: RefundShare | null }[]
}

/**
 * A refund's share of what the order took, by the games' line totals. The refund that covers the
 * last games of an order takes the remainder, so the shares of all refunds of an order add up to
 * exactly what was paid, spent and earned, whatever the rounding of each.
 */
export function refundShare(input: ShareInput): RefundShare {
  const lineTotal = (ids: string[]) =>
    input.lines.filter((l) => ids.includes(l.game_id)).reduce((sum, l) => sum + l.total, 0)
  const all = lineTotal(input.lines.map((l) => l.game_id))
  const ratio = (ids: string[]) => (all > 0 ? lineTotal(ids) / all : ids.length / input.lines.length)
  const byRatio = (ids: string[]): RefundShare => {
    const r = ratio(ids)
    return {
      cash: roundToCurrency(input.paid.cash * r, input.currency_code),
      points_spent: Math.round(input.paid.points_spent * r),
      points_earned: Math.floor(input.paid.points_earned * r),
    }
  }
  const covered = new Set([...input.game_ids, ...input.others.flatMap((o) => o.game_ids)])
  const last = input.lines.every((l) => covered.has(l.game_id))
  if (!last) return byRatio(input.game_ids)
  const taken = input.others.map((o) => o.share ?? byRatio(o.game_ids))
  const sum = (k: keyof RefundShare) => taken.reduce((s, t) => s + t[k], 0)
  return {
    // Exactly what is left, at Medusa's precision (a promotion can leave sub-cent amounts).
    cash: Math.max(0, Math.round((input.paid.cash - sum("cash")) * 1e6) / 1e6),
    points_spent: Math.max(0, input.paid.points_spent - sum("points_spent")),
    points_earned: Math.max(0, input.paid.points_earned - sum("points_earned")),
  }
}
