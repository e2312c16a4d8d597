/**
 * Types and calls of the staff gift report (GET /admin/gifts…). The states are repeated from
 * src/modules/gift/models/gift.ts: that file pulls in server code the admin bundle cannot load.
 */
export const GIFT_STATES = ["paying", "failed", "scheduled", "delivered", "accepted", "declined", "expired", "cancelled", "refunded"] as const
export type GiftState = (typeof GIFT_STATES)[number]

export const STATE_COLORS: Record<GiftState, "green" | "red" | "blue" | "orange" | "grey" | "purple"> = {
  paying: "orange", failed: "red", scheduled: "blue", delivered: "purple", accepted: "green",
  declined: "grey", expired: "grey", cancelled: "grey", refunded: "red",
}

type Person = { id: string; email: string | null; handle: string | null }
export type GiftRow = {
  id: string
  state: GiftState
  refund_reason: string | null
  sender: Person
  recipient: Person
  sender_country: string
  recipient_country: string
  game: { id: string; title: string }
  currency_code: string
  amount: number
  cash_amount: number
  points_used: number
  bought_at: string | null
  delivered_at: string | null
  answered_at: string | null
  refunded_at: string | null
  created_at: string
  deliver_at: string
}
export type GiftTotal = { state: GiftState; currency_code: string; count: number; amount: number; cash_amount: number; points_used: number }
export type GiftPage = { gifts: GiftRow[]; count: number; limit: number; offset: number; totals: GiftTotal[] }
export type GiftEvent = { id: string; from_state: string | null; to_state: string; cause: string; actor: string; created_at: string }
export type GiftDetail = {
  gift: GiftRow & { message: string; failure_reason: string | null; order_id: string | null; refund_id: string | null; expires_at: string | null }
  history: GiftEvent[]
}

/** The filters as the form holds them; `to` is the last day included, as staff pick it. */
export type GiftFilters = { states: GiftState[]; from: string; to: string; country: string; game_id: string }
export const NO_FILTERS: GiftFilters = { states: [], from: "", to: "", country: "", game_id: "" }

/** The API's range is half-open (created_at < to), so the last picked day becomes the next day's start. */
export function filterParams(f: GiftFilters) {
  const params = new URLSearchParams()
  if (f.states.length) params.set("state", f.states.join(","))
  if (f.from) params.set("from", f.from)
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    params.set("to", next.toISOString().slice(0, 10))
  }
  if (f.country.trim()) params.set("country", f.country.trim().toUpperCase())
  if (f.game_id) params.set("game_id", f.game_id)
  return params
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { credentials: "include" })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
  return body as T
}

export const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—")
export const who = (p: Person) => p.handle ?? p.email ?? p.id
