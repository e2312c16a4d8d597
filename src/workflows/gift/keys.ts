/** Idempotency keys of a gift's effects: one of each, whoever runs the step and however often. */
export const giftKeys = {
  mail: (giftId: string, what: string) => `gift:${giftId}:${what}`,
  refund: (giftId: string) => `gift-refund.${giftId}`,
}
