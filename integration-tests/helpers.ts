import type { MedusaContainer, SearchTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { seedKstore } from "../src/scripts/seed"
import { flushMail } from "../src/modules/mail/outbox"
import { signEmailVerification } from "../src/modules/account/verification-token"

export const ADMIN = { email: "admin@kstore.test", password: "admin-pass-1" }

export type Api = {
  get: (url: string, config?: any) => Promise<any>
  post: (url: string, body?: any, config?: any) => Promise<any>
  delete: (url: string, config?: any) => Promise<any>
}

/** Seeds a small catalog and returns what tests need to call the APIs as a storefront would. */
export async function seedForTests(container: MedusaContainer, games = 30) {
  return seedKstore(container, { games, admin: ADMIN })
}

export async function adminHeaders(api: Api) {
  const { data } = await api.post("/auth/user/emailpass", ADMIN)
  return { headers: { authorization: `Bearer ${data.token}` } }
}

export type TestGame = {
  title: string
  prices: { currency_code: string; amount: number }[]
  service_countries: string[]
  /** Days from now; negative for a released game. Default: 30 days ahead. */
  release_in_days?: number
  [field: string]: unknown
}

/** The body of POST /admin/games for a test: its title, prices and countries; other details filled in. */
export function gameBody({ release_in_days = 30, ...game }: TestGame) {
  return {
    genres: ["action"],
    developer: "Dev",
    publisher: "Pub",
    platforms: ["windows"],
    release_at: new Date(Date.now() + release_in_days * 86400e3).toISOString(),
    ...game,
  }
}

/** Creates a game through the admin API and returns it (`id`, `variant_id`, …). */
export async function createGame(api: Api, admin: any, game: TestGame) {
  return (await api.post("/admin/games", gameBody(game), admin)).data.game
}

export function storeHeaders(publishableKey: string, token?: string, extra: Record<string, string> = {}) {
  return {
    headers: {
      "x-publishable-api-key": publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    },
  }
}

/**
 * Follows the player's email verification link, as the storefront's page does with the mailed
 * one (the same signed token: this process has the server's secret).
 */
export async function verifyEmail(api: Api, publishableKey: string, customer: { id: string; email: string }) {
  const { token } = signEmailVerification(customer.id, customer.email)
  await api.get(`/store/email-verifications/${token}`, storeHeaders(publishableKey))
}

/**
 * Signs a player up through the real flow: auth registration, then /store/accounts, the email
 * verification link (unless `verified: false`), then login.
 */
export async function signUpPlayer(api: Api, publishableKey: string, email: string, residence: string, { verified = true } = {}) {
  const password = "player-pass-1"
  const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password })
  const { data } = await api.post(
    "/store/accounts",
    { email, first_name: "Test", last_name: "Player", residence_country: residence },
    storeHeaders(publishableKey, reg.token)
  )
  if (verified) await verifyEmail(api, publishableKey, data.customer)
  const { data: login } = await api.post("/auth/customer/emailpass", { email, password })
  return { customer: data.customer, token: login.token as string }
}

export type Player = { customer: any; token: string; handle: string; email: string }

/** A signed-up player with the handle their profile was given (how friends find each other). */
export async function signUpWithHandle(api: Api, publishableKey: string, email: string, residence = "US"): Promise<Player> {
  const { customer, token } = await signUpPlayer(api, publishableKey, email, residence)
  const { data } = await api.get("/store/customers/me/profile", storeHeaders(publishableKey, token))
  return { customer, token, handle: data.profile.handle, email }
}

/** `a` asks `b` by handle and `b` accepts: friends through the Store API. */
export async function befriend(api: Api, publishableKey: string, a: Player, b: Player) {
  const { data } = await api.post("/store/friends/requests", { handle: b.handle }, storeHeaders(publishableKey, a.token))
  await api.post(`/store/friends/requests/${data.request.id}/accept`, {}, storeHeaders(publishableKey, b.token))
}

/** Resolves to the HTTP error response of a call that must fail. */
export async function failure(promise: Promise<any>) {
  try {
    const res = await promise
    throw new Error(`expected a failure, got HTTP ${res.status}`)
  } catch (e: any) {
    if (!e.response) throw e
    return e.response as { status: number; data: any }
  }
}

/**
 * Templates of the notifications sent to `to` on `channel`, after the mail outbox is flushed; the
 * sign-up's email verification mail is left out (`withVerification` keeps it).
 */
export async function sentTemplates(container: MedusaContainer, to: string, channel: "email" | "feed" = "email", { withVerification = false } = {}) {
  await flushMail(container)
  const sent = await container.resolve(Modules.NOTIFICATION).listNotifications({ to, channel })
  return sent.map((n: any) => n.template as string).filter((t) => withVerification || t !== "email-verification")
}

/** Polls until `ok` holds: what follows the catalog by events (the search index, caches) does so within seconds. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms
  let last = await read()
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`not reached in ${ms} ms; last: ${JSON.stringify(last).slice(0, 800)}`)
    await new Promise((r) => setTimeout(r, 200))
    last = await read()
  }
  return last
}

/** The game search index is migrated before the app starts and seeded at its start, in the background. */
export async function searchIndexReady(container: MedusaContainer) {
  const search = container.resolve<SearchTypes.ISearchModuleService>(Modules.SEARCH)
  await eventually(() => search.listIndexes(), (list) => list.some((i) => i.name === "game" && i.status === "ready"), 60_000)
}
