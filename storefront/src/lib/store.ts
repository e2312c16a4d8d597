import { api } from "./api"
import type { GameResponse } from "./types"

/** Shapes of the Store API's account, points, purchase, library and refund routes (backend README). */

export type Residence = {
  country_code: string | null
  change_allowed: boolean
  next_change_at: string | null
  change_days: number
  changes: { id: string; from_country: string | null; to_country: string; reason: string | null; source: string; created_at: string }[]
}

export type PointsEntry = { id: string; kind: string; amount: number; reference_id: string | null; reason: string | null; created_by: string | null; created_at: string }
export type Points = { balance: number; entries: PointsEntry[]; count: number; limit: number; offset: number; point_value: Record<string, number> }

export type Verification = { email: string; verified: boolean; verified_at: string | null; sent?: boolean }

export type PaymentMethod = { id: string; name: string; type: "card" | "wallet" | "bank" | "voucher"; async: boolean }
export type PaymentMethods = { country_code: string; provider_id: string; payment_methods: PaymentMethod[] }

export type PaymentInstructions = {
  type: "konbini" | "pix" | "sepa" | string
  payment_number?: string
  copy_paste_code?: string
  mandate_reference?: string
  note?: string
}

export type PurchaseStatus = "pending" | "awaiting_payment" | "completed" | "failed" | "refunded"
export type Purchase = {
  id: string
  status: PurchaseStatus
  order_id: string | null
  currency_code: string
  total: number
  discount_total: number
  points_used: number
  cash_amount: number
  points_earned: number | null
  payment_provider_id: string | null
  payment_method: string | null
  items: { game_id: string; title: string; preorder: boolean; release_at: string; total: number }[]
  payment_instructions: PaymentInstructions | null
  payment_due_at: string | null
  failure_reason: string | null
  failure_message: string | null
  created_at: string
  completed_at: string | null
}

export type LibraryEntry = {
  id: string
  game_id: string
  title: string | null
  handle: string | null
  release_at: string | null
  source: string
  order_id: string | null
  gift_id: string | null
  status: "downloadable" | "preordered"
  play_minutes: number
  acquired_at: string
  refund: { allowed: boolean; reason: string | null } | null
}

export type Refund = {
  id: string
  status: "refunding" | "refunded" | "failed"
  order_id: string
  purchase_id: string | null
  games: { game_id: string; title: string; total: number }[]
  currency_code: string
  amount: number | null
  points_restored: number | null
  points_clawed_back: number | null
  shortfall_points: number | null
  attempts: number
  failure_reason: string | null
  next_retry_at: string | null
  created_at: string
  refunded_at: string | null
}

export type Gift = {
  id: string
  box: "sent" | "received"
  state: "paying" | "failed" | "scheduled" | "delivered" | "accepted" | "declined" | "expired" | "cancelled" | "refunded"
  game: { id: string; title: string }
  refunded_at: string | null
  refund_reason: string | null
}

export type Customer = { id: string; email: string; first_name: string | null; last_name: string | null }

export const getCustomer = (token: string) => api<{ customer: Customer }>("/store/customers/me", { token, query: { fields: "id,email,first_name,last_name" } })
export const getResidence = (token: string) => api<{ residence: Residence }>("/store/customers/me/residence", { token })
export const getPoints = (token: string, limit = 20, offset = 0) => api<Points>("/store/customers/me/points", { token, query: { limit, offset } })
export const getVerification = (token: string) => api<{ email_verification: Verification }>("/store/customers/me/email-verification", { token })
export const getPaymentMethods = (token: string, country: string) =>
  api<PaymentMethods>("/store/payment-methods", { token, query: { country_code: country.toUpperCase() } })
export const getLibrary = (token: string) => api<{ library: LibraryEntry[] }>("/store/library", { token })
export const getPurchase = (token: string, id: string, wait = 0) =>
  api<{ purchase: Purchase }>(`/store/purchases/${encodeURIComponent(id)}`, { token, query: { wait: wait || undefined }, timeoutMs: (wait + 8) * 1000 })
export const getRefund = (token: string, id: string, wait = 0) =>
  api<{ refund: Refund }>(`/store/refunds/${encodeURIComponent(id)}`, { token, query: { wait: wait || undefined }, timeoutMs: (wait + 8) * 1000 })
export const getGift = (token: string, id: string) => api<{ gift: Gift }>(`/store/gifts/${encodeURIComponent(id)}`, { token })

/** A game priced for the signed-in player (their `purchase` answer is for their residence). */
export const getGameAs = (token: string | null, idOrHandle: string, country: string) =>
  api<GameResponse>(`/store/games/${encodeURIComponent(idOrHandle)}`, { token, query: { country_code: country } })

export const ID_PATTERN = /^[\w-]{1,100}$/
