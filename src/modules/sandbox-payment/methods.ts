/** The sandbox's provider id in the payment module (module id "sandbox", registration id "sandbox"). */
export const SANDBOX_PROVIDER_ID = "pp_sandbox_sandbox"

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

/** How long an asynchronous method waits for the payer (konbini slip, Pix code, SEPA debit). */
const PAYMENT_WINDOW_MINUTES: Record<string, number> = { konbini: 3 * 24 * 60, pix: 60, sepa: 5 * 24 * 60 }

export function paymentWindowMinutes(methodId: string | null | undefined) {
  return (methodId && PAYMENT_WINDOW_MINUTES[methodId]) || 60
}

const windowText = (minutes: number) =>
  minutes % (24 * 60) === 0 ? `${minutes / (24 * 60)} days` : minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? "" : "s"}` : `${minutes} minutes`

/** What the player needs to pay an asynchronous charge (sandbox values, derived from the charge). */
export function paymentInstructions(methodId: string, chargeId: string) {
  const digits = chargeId.replace(/\D/g, "").padEnd(12, "0").slice(0, 12)
  switch (methodId) {
    case "konbini":
      return { type: "konbini", payment_number: digits, note: `Pay at any convenience store within ${windowText(PAYMENT_WINDOW_MINUTES.konbini)}` }
    case "pix":
      return { type: "pix", copy_paste_code: `00020126sandbox${chargeId}`, note: `Pay in your bank app within ${windowText(PAYMENT_WINDOW_MINUTES.pix)}` }
    default:
      return { type: "sepa", mandate_reference: `KSTORE-${digits}`, note: `Your bank is debited within ${windowText(PAYMENT_WINDOW_MINUTES.sepa)}` }
  }
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

/**
 * What the store keeps of a payer's account: its last four digits, which is all the triggers read.
 * A full card number never reaches a database, a workflow's stored input or a mail.
 */
export function maskAccount(account: string | null | undefined): string | undefined {
  if (!account) return undefined
  return `•••• ${String(account).replace(/\D/g, "").slice(-4)}`.trim()
}

/**
 * The country a payment defaults to when the payer names none: the one country of each store
 * currency's region (the euro region's first country, Germany), so the choice is deterministic.
 */
export const COUNTRY_BY_CURRENCY: Record<string, string> = {
  krw: "KR",
  jpy: "JP",
  usd: "US",
  gbp: "GB",
  brl: "BR",
  eur: "DE",
}

export function countryForCurrency(currency: string | null | undefined): string | null {
  return (currency && COUNTRY_BY_CURRENCY[currency.toLowerCase()]) || null
}

/** The method a session defaults to when the payer names none: every sandbox country takes cards. */
export const DEFAULT_METHOD_ID = "card"
