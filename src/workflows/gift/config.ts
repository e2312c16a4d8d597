import { envNumber } from "../env-number"

/** Gifting limits, read at call time so a deployment (or a test) can change them without a restart. */

export const giftConfig = () => ({
  /** Gifts one sender may buy in any rolling 24 hours. */
  daily_limit: envNumber("GIFT_DAILY_LIMIT", 5, { min: 1, integer: true }),
  /** How far the recipient region's price may differ from the sender's (0.10 = 10%). */
  price_tolerance: envNumber("GIFT_PRICE_TOLERANCE", 0.1),
  /** How far ahead a delivery may be scheduled. */
  max_schedule_days: 365,
  /** Longest message, in characters. */
  max_message: 500,
})
