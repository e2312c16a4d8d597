import { FetchError } from "@medusajs/js-sdk"
import { getSdk } from "./medusa"

/**
 * Authenticated Store API calls, on the server only: the customer's JWT (from the httpOnly session
 * cookie) goes as a bearer header through @medusajs/js-sdk's `client.fetch`.
 *
 * The SDK's FetchError keeps only the status and the message of an error answer (not the body's
 * `code`), so `toApiError` recovers the code from the backend's known messages; anything unknown
 * keeps the status, which the pages map to a general message.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = "ApiError"
  }
}

type Method = "GET" | "POST" | "DELETE"
export type ApiOptions = {
  method?: Method
  token?: string | null
  query?: Record<string, unknown>
  body?: unknown
  headers?: Record<string, string>
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000

function clean(query: Record<string, unknown> = {}) {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue
    out[k] = Array.isArray(v) ? v.join(",") : String(v)
  }
  return out
}

export async function api<T>(route: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  try {
    return await getSdk().client.fetch<T>(route, {
      method: opts.method ?? "GET",
      query: clean(opts.query),
      headers,
      body: opts.body as any,
      cache: "no-store",
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    throw toApiError(error)
  }
}

/**
 * The backend's message → its `code` (src/api, src/workflows and src/modules of the backend).
 * Only used because the SDK drops the code; checked against the status too.
 */
const PATTERNS: [code: string, status: number | null, pattern: RegExp][] = [
  ["rate_limited", 429, /too many attempts/i],
  ["invalid_credentials", 401, /invalid email or password/i],
  ["identity_exists", 401, /identity with email already exists/i],
  ["account_exists", 409, /already has an account/i],
  ["handle_taken", 409, /handle .* is taken|free handle/i],
  ["invalid_handle", 400, /a handle has|is reserved/i],
  ["email_mismatch", 400, /email must be the one you registered/i],
  ["email_unverified", 403, /confirm your email address/i],
  ["login_required", 403, /sign in to buy/i],
  ["residence_required", 403, /set your residence country/i],
  ["country_not_served", 403, /not sold in your residence country/i],
  ["not_released", 403, /not released yet|downloadable from/i],
  ["no_price_in_region", 403, /no price in your region/i],
  ["wrong_region", null, /players living in .* buy in the/i],
  ["already_owned", 409, /already owns this game/i],
  ["price_changed", 409, /price changed/i],
  ["purchase_in_progress", 409, /already being purchased|already buying/i],
  ["too_many_points", 400, /more points than the price/i],
  ["insufficient_points", null, /not enough points/i],
  ["unknown_payment_method", 400, /payment method .* not offered/i],
  ["invalid_promotion_code", 400, /promotion code .* is not valid/i],
  ["promotion_expired", 400, /has expired or is not active/i],
  ["promotion_not_applicable", 400, /does not apply to this cart/i],
  ["one_copy_per_game", 400, /one copy of/i],
  ["idempotency_key_reused", 422, /idempotency-key was used/i],
  ["residence_change_too_soon", 409, /can change once every/i],
  ["gift_order", 403, /order bought a gift/i],
  ["gift_not_refundable", 409, /gift cannot be refunded/i],
  ["refund_in_progress", 409, /another refund of this order/i],
  ["already_refunded", 409, /refunded already|has a refund already/i],
  ["not_refundable", null, /cannot be refunded|not in your library from this order/i],
  ["self_request", 400, /friend request to yourself/i],
  ["blocked", 403, /cannot send a friend request to this player/i],
  ["already_friends", 409, /you are friends already/i],
  ["request_pending", 409, /request is waiting for an answer already/i],
  ["pending_limit", 429, /friend requests can wait for an answer/i],
  ["daily_limit", 429, /friend requests a day/i],
  ["request_answered", 409, /this request was .* already/i],
  ["self_block", 400, /cannot block yourself/i],
  ["gift_daily_limit", 429, /gifts in 24 hours/i],
  ["invalid_delivery_time", 400, /delivery time must be in the future|can be scheduled at most/i],
  ["message_too_long", 400, /message may have at most/i],
  ["not_friends", 403, /gifts go only to your friends/i],
  ["self_gift", 400, /send a gift to yourself/i],
  ["already_owned", 409, /the gift went back to its sender|friend already owns this game/i],
  ["country_not_served", 403, /not sold in your friend's country/i],
  ["price_region_mismatch", 403, /differs too much from yours to be gifted/i],
  ["pending_gift", 409, /has a gift of this game waiting already/i],
  ["gift_state_changed", 409, /this gift is .* and cannot be .* now/i],
  ["gift_answered", 409, /this gift was .* already/i],
  ["gift_not_cancellable", 409, /cannot be cancelled: only before/i],
  ["verification_expired", 400, /verification link has expired/i],
  ["verification_other_customer", 403, /belongs to another account/i],
  ["verification_invalid", 400, /verification link is (not valid|for another)/i],
  ["link_expired", 403, /download link expired/i],
]

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof FetchError) {
    const status = error.status ?? 500
    const message = error.message || error.statusText || ""
    const found = PATTERNS.find(([, s, re]) => (s === null || s === status) && re.test(message))
    const retry = /(\d+)\s*seconds?/i.exec(message)
    return new ApiError(message, status, found?.[0] ?? (status === 429 ? "rate_limited" : null), retry ? Number(retry[1]) : null)
  }
  const message = error instanceof Error ? error.message : String(error)
  // fetch failed, timeout, DNS: the backend could not be reached.
  return new ApiError(message, 0, "unreachable")
}

export const isStatus = (error: unknown, status: number) => error instanceof ApiError && error.status === status
