import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fc from "fast-check"
import { adminHeaders, createGame, seedForTests, signUpPlayer, storeHeaders } from "../helpers"

jest.setTimeout(600 * 1000)

/**
 * Property-based fuzzing of every Store and Admin route that takes a body or a query: each route's
 * valid request is broken in one place (a field of the wrong type, a NUL or lone surrogate, a
 * string far over any limit, an unknown field, a body that is not an object) and must be answered
 * 4xx with a JSON message, never 5xx, with nothing written. Values that may be legitimate (SQL or
 * HTML injection text, extreme numbers) must never be a 5xx. Bounded: RUNS cases per route.
 */
const RUNS = Number(process.env.KSTORE_FUZZ_RUNS || 12)
const SEED = Number(process.env.KSTORE_FUZZ_SEED || 20261202)

type Ctx = Record<string, string>
/** Stands for the email of the registration the request is sent with. */
const EMAIL = "__registration_email__"
type Route = {
  method: "GET" | "POST"
  path: (c: Ctx) => string
  auth: "none" | "customer" | "admin" | "registration"
  body?: (c: Ctx) => Record<string, any>
  query?: (c: Ctx) => Record<string, string>
  /** Fields whose value may be any JSON (metadata): not broken by type. */
  loose?: string[]
  /** Medusa's auth routes hand the body to the auth provider, which ignores fields it does not use. */
  extraFieldsIgnored?: boolean
}

const ROUTES: Route[] = [
  { method: "GET", path: () => "/store/games", auth: "none", query: () => ({ genre: "action", limit: "5", q: "siege" }) },
  { method: "GET", path: (c) => `/store/games/${c.game}`, auth: "none", query: () => ({ country_code: "US" }) },
  { method: "GET", path: () => "/store/search", auth: "none", query: () => ({ q: "siege", genre: "action", sort: "price", limit: "5" }) },
  { method: "GET", path: () => "/store/search/suggest", auth: "none", query: () => ({ q: "sie", country_code: "US" }) },
  { method: "GET", path: () => "/store/recommendations", auth: "customer", query: () => ({ limit: "5" }) },
  { method: "GET", path: () => "/store/recommendations/because/game_nope", auth: "customer", query: () => ({ limit: "5" }) },
  { method: "GET", path: (c) => `/store/games/${c.game}/similar`, auth: "none", query: () => ({ limit: "5" }) },
  { method: "GET", path: () => "/store/payment-methods", auth: "customer", query: () => ({ country_code: "US" }) },
  { method: "GET", path: () => "/store/customers/me/points", auth: "customer", query: () => ({ limit: "5", offset: "0" }) },
  { method: "GET", path: () => "/store/notifications", auth: "customer", query: () => ({ limit: "5" }) },
  { method: "GET", path: () => "/store/gifts", auth: "customer", query: () => ({ box: "sent", limit: "5", offset: "0" }) },
  { method: "POST", path: () => "/store/friends/requests", auth: "customer", body: () => ({ email: "fuzz-friend@example.com" }) },
  { method: "POST", path: () => "/store/friends/blocks", auth: "customer", body: () => ({ handle: "nobody-has-this" }) },
  { method: "POST", path: () => "/store/friends/requests", auth: "customer", body: () => ({ handle: "nobody_has_this" }) },
  { method: "POST", path: () => "/store/friends/blocks", auth: "customer", body: () => ({ customer_id: "cus_nope" }) },
  { method: "POST", path: () => "/store/friends/requests/frq_nope/accept", auth: "customer", body: () => ({}) },
  { method: "POST", path: () => "/store/friends/requests/frq_nope/decline", auth: "customer", body: () => ({}) },
  { method: "GET", path: () => "/store/friends", auth: "customer", query: () => ({}) },
  { method: "GET", path: () => "/store/friends/requests", auth: "customer", query: () => ({}) },
  { method: "GET", path: () => "/store/friends/blocks", auth: "customer", query: () => ({}) },
  { method: "POST", path: () => "/store/gifts/gift_nope/refund", auth: "customer", body: () => ({}) },
  { method: "GET", path: () => "/store/game-filters", auth: "none", query: () => ({ country: "KR" }) },
  { method: "POST", path: () => "/store/customers/me/profile", auth: "customer", body: () => ({ time_zone: "Asia/Seoul" }) },
  { method: "GET", path: (c) => `/admin/customers/${c.customer}/points`, auth: "admin", query: () => ({ limit: "5" }) },
  { method: "GET", path: () => "/admin/games", auth: "admin", query: () => ({ q: "siege", limit: "5" }) },
  {
    method: "GET",
    path: () => "/admin/gifts",
    auth: "admin",
    query: () => ({ state: "accepted,refunded", from: "2026-01-01", to: "2026-12-31", country: "US", game_id: "game_nope", limit: "5", offset: "0" }),
  },
  { method: "GET", path: () => "/admin/gifts/export", auth: "admin", query: () => ({ state: "accepted", from: "2026-01-01", country: "KR" }) },
  { method: "GET", path: () => "/admin/gifts/gift_nope", auth: "admin", query: () => ({}) },
  {
    method: "POST",
    path: () => "/store/accounts",
    auth: "registration",
    body: () => ({ email: EMAIL, first_name: "Fuzz", last_name: "Er", residence_country: "US" }),
  },
  {
    method: "POST",
    path: () => "/store/customers",
    auth: "registration",
    body: () => ({ email: EMAIL, first_name: "Fuzz", additional_data: { residence_country: "US" } }),
    loose: ["metadata"],
  },
  {
    method: "POST",
    path: () => "/store/customers/me/residence",
    auth: "customer",
    body: () => ({ country_code: "DE", reason: "moved" }),
  },
  {
    method: "POST",
    path: () => "/store/purchases",
    auth: "customer",
    body: () => ({ game_ids: ["game_nope"], points: 0, promo_codes: ["NOPE"], payment: { method: "card", account: "4242424242424242" } }),
  },
  { method: "POST", path: () => "/store/orders/order_nope/refunds", auth: "customer", body: () => ({ game_ids: ["game_nope"] }) },
  { method: "POST", path: () => "/store/purchases/pur_nope/refunds", auth: "customer", body: () => ({}) },
  { method: "POST", path: () => "/store/purchases/pur_nope/sandbox-payment", auth: "customer", body: () => ({ outcome: "paid" }) },
  { method: "POST", path: () => "/store/email-verifications/not-a-token", auth: "none", body: () => ({}) },
  { method: "POST", path: () => "/store/mail/unsubscribe", auth: "none", body: () => ({ token: "abc.def" }) },
  { method: "POST", path: () => "/store/customers/me/email-verification", auth: "customer", body: () => ({}) },
  { method: "POST", path: () => "/store/customers/me/profile", auth: "customer", body: () => ({ handle: "fuzz_handle", display_name: "Fuzz" }) },
  { method: "POST", path: () => "/store/library/ent_nope/play", auth: "customer", body: () => ({ minutes: 10 }) },
  {
    method: "POST",
    path: () => "/store/carts",
    auth: "customer",
    body: (c) => ({ region_id: c.region, items: [{ variant_id: c.variant, quantity: 1 }] }),
    loose: ["metadata"],
  },
  {
    method: "POST",
    path: () => "/auth/customer/emailpass/register",
    auth: "none",
    body: () => ({ email: "fuzz-reg@example.com", password: "fuzz-pass-1" }),
    extraFieldsIgnored: true,
  },
  {
    method: "POST",
    path: (c) => `/admin/customers/${c.customer}/points/adjustments`,
    auth: "admin",
    body: () => ({ points: 5, reason: "fuzz" }),
  },
  { method: "POST", path: (c) => `/admin/customers/${c.customer}/residence/lift`, auth: "admin", body: () => ({ reason: "moved for work" }) },
  { method: "POST", path: () => "/admin/points/earn-rates", auth: "admin", body: (c) => ({ region_id: c.region, rate: 0.05 }) },
  {
    method: "POST",
    path: () => "/admin/games",
    auth: "admin",
    body: () => ({
      title: "Fuzz Game",
      prices: [{ currency_code: "usd", amount: 10 }],
      genres: ["action"],
      developer: "Fuzz",
      publisher: "Fuzz",
      release_at: "2027-01-01",
      platforms: ["windows"],
      service_countries: ["US"],
    }),
  },
  { method: "POST", path: (c) => `/admin/games/${c.game}`, auth: "admin", body: () => ({ developer: "Fuzz Again", tags: ["fuzz"] }) },
  { method: "POST", path: (c) => `/admin/products/${c.product}/game`, auth: "admin", body: () => ({ genres: ["action"], developer: "D", publisher: "P", release_at: "2027-01-01", platforms: ["windows"], service_countries: ["US"] }) },
]

const HUGE = "x".repeat(200_000)
/** Replacements no field of any route accepts. */
const invalidValue = fc.oneof(
  fc.constant("\u0000"),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constant("a\uD800b"),
  fc.constant(HUGE),
  fc.array(fc.constant("x"), { minLength: 5_000, maxLength: 5_000 }),
  fc.constant({ $ne: null, nested: { deeper: ["\u0000"] } }),
  fc.boolean()
)
/** Replacements that may be legitimate somewhere, which must never be a 5xx. */
const oddValue = fc.oneof(
  // In a query a lone surrogate arrives as bytes that are not UTF-8, which decode to U+FFFD.
  fc.constantFrom("'; drop table game; --", "a\uD800b", "<script>alert(1)</script>", "../../etc/passwd", "%00", "${jndi:ldap://x}", "🎮".repeat(50)),
  fc.constantFrom(-1, 0, -1e308, 1e308, 0.1, Number.MAX_SAFE_INTEGER + 2, -0),
  fc.integer(),
  fc.string({ maxLength: 40 })
)

type Break = { kind: "must-refuse" | "must-not-crash"; label: string; apply: (v: Record<string, any>) => any }
const show = (v: any) => {
  const text = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v)
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} chars)` : text
}

const fieldPaths = (value: any, prefix = ""): string[] =>
  value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => {
        const path = prefix ? `${prefix}.${k}` : k
        return [path, ...(v && typeof v === "object" && !Array.isArray(v) ? fieldPaths(v, path) : [])]
      })
    : []

function setPath(target: any, path: string, value: any) {
  const parts = path.split(".")
  let at = target
  for (const p of parts.slice(0, -1)) at = at[p]
  at[parts[parts.length - 1]] = value
  return target
}

function breaker(route: Route, sample: Record<string, any>): fc.Arbitrary<Break> {
  const paths = fieldPaths(sample).filter((p) => !(route.loose ?? []).includes(p.split(".")[0]))
  const clone = (v: any) => JSON.parse(JSON.stringify(v))
  const options: fc.Arbitrary<Break>[] = [
    fc.constantFrom("zz_unknown", "__proto__x", "id", "deleted_at").map((key) => ({
      kind: route.extraFieldsIgnored ? ("must-not-crash" as const) : ("must-refuse" as const),
      label: `unknown field ${key}`,
      apply: (v: any) => ({ ...clone(v), [key]: "fuzz" }),
    })),
  ]
  if (route.body) {
    options.push(
      fc.constantFrom<any>([], "text", 42, null, [{}]).map((body) => ({ kind: "must-refuse" as const, label: `body ${show(body)}`, apply: () => body }))
    )
  }
  if (paths.length) {
    options.push(
      fc.tuple(fc.constantFrom(...paths), invalidValue).map(([path, value]) => ({
        kind: "must-refuse" as const,
        label: `${path} = ${show(value)}`,
        apply: (v: any) => setPath(clone(v), path, route.query ? queryValue(value) : value),
      })),
      fc.tuple(fc.constantFrom(...paths), oddValue).map(([path, value]) => ({
        kind: "must-not-crash" as const,
        label: `${path} = ${show(value)}`,
        apply: (v: any) => setPath(clone(v), path, route.query ? String(value) : value),
      }))
    )
  }
  return fc.oneof(...options)
}

// A query string only carries strings (and repeated keys as lists).
function queryValue(value: any) {
  if (typeof value === "string") return /[\uD800-\uDFFF]/.test(value) ? "a\u0000b" : value
  if (Array.isArray(value)) return value.length > 100 ? HUGE : value
  return "\u0000"
}

// Percent-encoded by hand: a lone surrogate goes out as the bytes a hostile client would send
// (ED A0 80, not UTF-8), which a URL library refuses to encode.
const encode = (text: string) =>
  Array.from(text, (ch) => (/^[\uD800-\uDFFF]$/.test(ch) ? "%ED%A0%80" : encodeURIComponent(ch))).join("")
const queryString = (query: Record<string, any>) =>
  Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(String(x))}`))
    .join("&")

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const ctx: Ctx = {}
    let pk: string
    let admin: any
    let customerToken: string
    let n = 0

    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    // Tables requests write (not release_announcement: the announce-releases job may run meanwhile).
    const TABLES = [
      "customer", "cart", "order", "payment_collection", "payment_session", "product", "auth_identity", "provider_identity",
      "game", "game_price", "purchase", "game_refund", "points_entry", "points_account", "entitlement",
      "customer_residence", "residence_change", "residence_change_lift", "email_verification", "player_profile",
      "friend_request", "friendship", "friend_block", "interaction", "mail_opt_out",
    ]
    async function rowCounts() {
      const present = (await knex().raw(`select tablename from pg_tables where schemaname = 'public' and tablename = any(?)`, [TABLES])).rows.map((r: any) => r.tablename)
      const sql = present.map((t: string) => `(select count(*) from "${t}") as "${t}"`).join(", ")
      return (await knex().raw(`select ${sql}`)).rows[0]
    }

    async function headersFor(route: Route): Promise<{ headers: any; email?: string }> {
      if (route.auth === "admin") return { headers: admin.headers }
      if (route.auth === "customer") return { headers: storeHeaders(pk, customerToken).headers }
      if (route.auth === "registration") {
        const email = `fuzz-reg-${n++}@example.com`
        const res = await api.post("/auth/customer/emailpass/register", { email, password: "fuzz-pass-1" })
        expect(res.data.token).toEqual(expect.any(String))
        return { headers: storeHeaders(pk, res.data.token).headers, email }
      }
      return { headers: storeHeaders(pk).headers }
    }
    const withEmail = (value: any, email?: string): any =>
      value === EMAIL && email ? email : value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withEmail(v, email)]))
        : value

    async function send(route: Route, input: any, headers: any) {
      const url = route.path(ctx) + (route.query ? `?${queryString(input)}` : "")
      return api.request({
        method: route.method,
        url,
        headers,
        ...(route.query ? {} : { data: JSON.stringify(input), headers: { ...headers, "content-type": "application/json" } }),
        validateStatus: () => true,
        maxContentLength: Infinity,
        maxBodyLength: Infinity,
      } as any)
    }

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      admin = await adminHeaders(api)
      const game = await createGame(api, admin, {
        title: "Fuzz Siege",
        prices: [{ currency_code: "usd", amount: 19.99 }],
        service_countries: ["US"],
        release_in_days: -30,
      } as any)
      ctx.game = game.id
      ctx.product = game.product_id
      ctx.variant = game.variant_id
      const player = await signUpPlayer(api, pk, "fuzz-player@example.com", "US")
      ctx.customer = player.customer.id
      customerToken = player.token
      const { data } = await api.get("/store/regions", storeHeaders(pk))
      ctx.region = data.regions.find((r: any) => r.currency_code === "usd").id
    })

    it.each(ROUTES.map((r) => [`${r.method} ${r.path({ game: ":game", product: ":product", customer: ":customer" })}`, r] as const))(
      "%s: broken input is a 4xx that writes nothing, never a 5xx",
      async (_name, route) => {
        const sample = route.query ? route.query(ctx) : route.body!(ctx)
        await fc.assert(
          fc.asyncProperty(breaker(route, sample), async (broken) => {
            const { headers, email } = await headersFor(route)
            const before = broken.kind === "must-refuse" ? await rowCounts() : null
            const res = await send(route, withEmail(broken.apply(sample), email), headers)
            if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`)
            if (broken.kind === "must-refuse") {
              expect(res.status).toBeGreaterThanOrEqual(400)
              expect(res.status).toBeLessThan(500)
              // Node itself answers a request line or headers over its limits (414, 431), without a body.
              if (![413, 414, 431].includes(res.status)) expect(typeof res.data?.message).toBe("string")
              expect(await rowCounts()).toEqual(before)
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true }
        )
      }
    )

    it("answers a body nested too deep or too wide with a 4xx", async () => {
      let deep: any = "x"
      for (let i = 0; i < 2_000; i++) deep = { a: deep }
      const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))
      for (const body of [deep, wide]) {
        const res = await send(ROUTES.find((r) => r.path(ctx) === "/store/purchases")!, body, (await headersFor({ auth: "customer" } as Route)).headers)
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    })
  },
})
