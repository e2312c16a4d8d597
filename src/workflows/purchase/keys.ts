/**
 * Every idempotency key the purchase saga uses, in one place. Keys derive from the cart, the order
 * or the step execution, so a rerun of a step finds its first effect instead of making a second.
 */
export const purchaseKeys = {
  /** Points held while a cart is completed; one per completion attempt (its hook step). */
  hold: (stepKey: string) => `purchase:hold:${stepKey}`,
  holdReversal: (stepKey: string) => `purchase:hold:${stepKey}:reversal`,
  /** Held points turned into spent points when the order completes. */
  spend: (cartId: string) => `purchase:spend:${cartId}`,
  /** Points still held for a cart whose payment was never captured. */
  release: (cartId: string) => `purchase:release:${cartId}`,
  earn: (orderId: string) => `purchase:earn:${orderId}`,
  awaitingMail: (orderId: string) => `purchase:awaiting-payment:${orderId}`,
  confirmationMail: (orderId: string) => `purchase:confirmed:${orderId}`,
  failureMail: (purchaseId: string) => `purchase:failed:${purchaseId}`,
}
