/** Gifting limits, read at call time so a deployment (or a test) can change them without a restart. */
const num = (name: string, fallback: number, min = 0) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value >= min ? value : fallback
}

export const giftConfig = () => ({
  /** Gifts one sender may buy in any rolling 24 hours. */
  daily_limit: num("GIFT_DAILY_LIMIT", 5, 1),
  /** How far the recipient region's price may differ from the sender's (0.10 = 10%). */
  price_tolerance: num("GIFT_PRICE_TOLERANCE", 0.1),
  /** How far ahead a delivery may be scheduled. */
  max_schedule_days: 365,
  /** Longest message, in characters. */
  max_message: 500,
})
