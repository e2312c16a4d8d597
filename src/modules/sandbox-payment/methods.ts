/** Payment methods the sandbox offers, per residence country (each country's cards and wallets). */
export type PaymentMethod = {
  id: string
  name: string
  type: "card" | "wallet" | "bank" | "voucher"
  /** Settles later through a signed webhook instead of during checkout. */
  async: boolean
}

const M = (id: string, name: string, type: PaymentMethod["type"], async = false): PaymentMethod => ({
  id,
  name,
  type,
  async,
})

const CARD = M("card", "Credit / debit card", "card")
const SEPA = M("sepa", "SEPA Direct Debit", "bank", true)

export const METHODS_BY_COUNTRY: Record<string, PaymentMethod[]> = {
  KR: [CARD, M("kakaopay", "KakaoPay", "wallet"), M("naverpay", "Naver Pay", "wallet"), M("tosspay", "Toss Pay", "wallet")],
  JP: [CARD, M("paypay", "PayPay", "wallet"), M("konbini", "Konbini (convenience store)", "voucher", true)],
  US: [CARD, M("paypal", "PayPal-style wallet", "wallet")],
  DE: [CARD, SEPA],
  FR: [CARD, SEPA],
  ES: [CARD, SEPA],
  IT: [CARD, SEPA],
  NL: [CARD, M("ideal", "iDEAL", "bank"), SEPA],
  GB: [CARD],
  BR: [CARD, M("pix", "Pix", "bank", true)],
}

export function methodsForCountry(country: string | null | undefined): PaymentMethod[] {
  return (country && METHODS_BY_COUNTRY[country.toUpperCase()]) || []
}

export function findMethod(country: string | null | undefined, methodId: string | null | undefined) {
  return methodsForCountry(country).find((m) => m.id === methodId) ?? null
}

/**
 * Deterministic test triggers on the payer's account (card number or wallet account), by its
 * last four digits: 0002 declines, 3220 asks for an extra authentication step, 9995 times out,
 * 4005 pays fine but every refund of it fails at the provider.
 */
export type Trigger = "decline" | "authenticate" | "timeout" | "refund_fail" | null

export function triggerFor(account: string | null | undefined): Trigger {
  const digits = String(account ?? "").replace(/\D/g, "")
  if (digits.endsWith("0002")) return "decline"
  if (digits.endsWith("3220")) return "authenticate"
  if (digits.endsWith("9995")) return "timeout"
  if (digits.endsWith("4005")) return "refund_fail"
  return null
}
