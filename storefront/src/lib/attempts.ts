/**
 * The body of a recent purchase request, kept in this server's memory for 15 minutes, so the
 * extra-authentication step can send it again with `authentication: "passed"` without the
 * payer typing their account again (and without putting it in a cookie). Keyed by purchase and
 * customer; lost on a restart, in which case the player starts the checkout again.
 */
export type PurchaseBody = {
  game_ids: string[]
  points: number
  promo_codes?: string[]
  expected_total?: number
  payment?: { provider_id?: string; method?: string; account?: string; authentication?: string }
}

const TTL_MS = 15 * 60_000
const MAX = 500
const store = new Map<string, { at: number; body: PurchaseBody; from_cart: boolean }>()

const key = (customer: string, purchase: string) => `${customer}:${purchase}`

export function rememberAttempt(customer: string, purchase: string, body: PurchaseBody, fromCart: boolean) {
  const now = Date.now()
  for (const [k, v] of store) if (now - v.at > TTL_MS || store.size > MAX) store.delete(k)
  store.set(key(customer, purchase), { at: now, body, from_cart: fromCart })
}

export function recallAttempt(customer: string, purchase: string) {
  const found = store.get(key(customer, purchase))
  if (!found || Date.now() - found.at > TTL_MS) return null
  return found
}

export function forgetAttempt(customer: string, purchase: string) {
  store.delete(key(customer, purchase))
}
