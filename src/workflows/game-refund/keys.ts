/**
 * Every idempotency key of the game refund saga, in one place. Points restored are keyed by the
 * attempt (an undone attempt reverses them, the next one restores them again); what happens after
 * the payment went back happens once per refund.
 */
export const refundKeys = {
  restore: (refundId: string, attempt: number) => `refund:${refundId}:${attempt}:restore`,
  clawback: (refundId: string) => `refund:${refundId}:clawback`,
  /** Medusa's refund of the payment carries this note, so a rerun finds it instead of refunding twice. */
  paymentNote: (refundId: string) => `kstore refund ${refundId}`,
  refundedMail: (refundId: string) => `refund:${refundId}:refunded`,
  failedMail: (refundId: string, attempt: number) => `refund:${refundId}:${attempt}:failed`,
}
