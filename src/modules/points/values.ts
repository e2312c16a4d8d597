/**
 * What one point is worth, per currency: about one US cent everywhere, so points keep their value
 * when a player moves between regions. 1 pt = ₩10 = ¥1 = $0.01 = €0.01 = £0.01 = R$0.05.
 */
export const POINT_VALUE: Record<string, number> = {
  krw: 10,
  jpy: 1,
  usd: 0.01,
  eur: 0.01,
  gbp: 0.01,
  brl: 0.05,
}

export const DEFAULT_EARN_RATE = 0.05

export function pointValue(currency: string): number {
  const value = POINT_VALUE[currency.toLowerCase()]
  if (!value) throw new Error(`No point value for currency '${currency}'`)
  return value
}

/** Points earned for a cash amount: rounded down, never negative. */
export function pointsEarned(cash: number, currency: string, rate = DEFAULT_EARN_RATE): number {
  if (!(cash > 0) || !(rate > 0)) return 0
  // Round to the currency's cent first so 59.99 * 5% / 0.01 does not lose a point to float error.
  return Math.max(0, Math.floor(Math.round(((cash * rate) / pointValue(currency)) * 1e6) / 1e6))
}

/** Cash value of points in a currency (the amount they pay, or are deducted at). */
export function pointsToCash(points: number, currency: string): number {
  return Math.round(points * pointValue(currency) * 100) / 100
}

/** Points needed to pay a cash amount exactly (rounded up so the points never under-pay). */
export function cashToPoints(cash: number, currency: string): number {
  return Math.ceil(Math.round((cash / pointValue(currency)) * 1e6) / 1e6)
}
