/** A gift's refund is keyed by it: the refund saga reads the prefix to tell a gift's refund apart. */
export const GIFT_REFUND_PREFIX = "gift-refund."

/** Idempotency keys of a gift's effects: one of each, whoever runs the step and however often. */
export const giftKeys = {
  mail: (giftId: string, what: string) => `gift:${giftId}:${what}`,
  refund: (giftId: string) => `${GIFT_REFUND_PREFIX}${giftId}`,
}
