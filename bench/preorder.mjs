// Pre-order benchmark: stock Medusa cart → order checkout against our pre-order saga (points +
// sandbox card, measured until the saga has completed), at concurrency 1, 8 and 32 in one run on
// one server, then the invariants of docs/ARCHITECTURE.md over everything it created. Bounded by ORDERS_PER_LEVEL.
import pg from "pg"
import { percentile, startStore } from "./lib/store.mjs"

const LEVELS = (process.env.LEVELS || "1,8,32").split(",").map(Number)
const PER_LEVEL = Number(process.env.ORDERS_PER_LEVEL || 48)
const store = await startStore({
  name: "bench-preorder",
  port: Number(process.env.BENCH_PORT || 9410),
  pgPort: Number(process.env.BENCH_PG_PORT || 54391),
  games: "20",
})
const { url, key } = store
const run = Math.random().toString(36).slice(2, 8)

async function call(method, path, body, headers = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-publishable-api-key": key, ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(data)}`)
  return data
}

const adminToken = (await call("POST", "/auth/user/emailpass", { email: "admin@kstore.local", password: "kstore-admin" })).token
const admin = { authorization: `Bearer ${adminToken}` }
const game = (title, days, preorder) =>
  call("POST", "/admin/games", {
    title,
    prices: [{ currency_code: "usd", amount: 20 }],
    genres: ["action"],
    developer: "Bench",
    publisher: "Bench",
    release_at: new Date(Date.now() + days * 86400e3).toISOString(),
    platforms: ["windows"],
    service_countries: ["US"],
    preorder_enabled: preorder,
  }, admin).then((r) => r.game)

const total = PER_LEVEL * LEVELS.length
const GAMES = 16
const released = await game(`Bench Classic ${run}`, -30, false)
const upcoming = []
for (let i = 0; i < GAMES; i++) upcoming.push(await game(`Bench Preorder ${run} ${i}`, 30, true))
const players = []
for (let i = 0; i < Math.ceil(total / GAMES) + 1; i++) {
  const email = `bench-${run}-${i}@example.com`
  const reg = await call("POST", "/auth/customer/emailpass/register", { email, password: "bench-pass-1" })
  const { customer } = await call("POST", "/store/accounts", { email, residence_country: "US" }, { authorization: `Bearer ${reg.token}` })
  const login = await call("POST", "/auth/customer/emailpass", { email, password: "bench-pass-1" })
  await call("POST", `/admin/customers/${customer.id}/points/adjustments`, { points: 1_000_000, reason: "bench" }, admin)
  players.push({ id: customer.id, auth: { authorization: `Bearer ${login.token}` } })
}
const regions = (await call("GET", "/store/regions")).regions
const usd = regions.find((r) => r.currency_code === "usd")

async function stockCheckout(i) {
  const p = players[i % players.length]
  const { cart } = await call("POST", "/store/carts", { region_id: usd.id, items: [{ variant_id: released.variant_id, quantity: 1 }] }, p.auth)
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id }, p.auth)
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, p.auth)
  const done = await call("POST", `/store/carts/${cart.id}/complete`, {}, p.auth)
  if (done.type !== "order") throw new Error(`checkout failed: ${JSON.stringify(done.error)}`)
}

// One stock checkout per player first, one at a time: Medusa creates a player's payment account
// holder on the first session, and two first sessions at once race ("already exists").
for (let i = 0; i < players.length; i++) await stockCheckout(i)

let pair = 0
async function preorderSaga() {
  const n = pair++
  const p = players[Math.floor(n / GAMES)]
  const g = upcoming[n % GAMES]
  const { preorder } = await call(
    "POST",
    "/store/preorders",
    { game_id: g.id, points: 500, payment: { method: "card", account: "4242424242424242" } },
    { ...p.auth, "idempotency-key": `bench-${run}-${n}` }
  )
  for (;;) {
    // Long poll: the answer comes when the saga settles, as a client would wait for it.
    const { preorder: s } = await call("GET", `/store/preorders/${preorder.id}?wait=10`, null, p.auth)
    if (s.status === "completed") return
    if (s.status !== "pending") throw new Error(`saga ${s.status}: ${s.failure_reason}`)
  }
}

async function measure(task, concurrency, count) {
  const latencies = []
  let next = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++
        const s = performance.now()
        try {
          await task(i)
          latencies.push(performance.now() - s)
        } catch (e) {
          errors++
          if (errors <= 3) console.error(String(e.message).slice(0, 300))
        }
      }
    })
  )
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors }
}

const fmt = (r) => `${r.rate.toFixed(2).padStart(7)} orders/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  errors ${r.errors}`
let goal = true
for (const c of LEVELS) {
  const stock = await measure(stockCheckout, c, PER_LEVEL)
  const saga = await measure(preorderSaga, c, PER_LEVEL)
  const ratio = saga.rate / stock.rate
  console.log(`c=${String(c).padEnd(3)} stock checkout ${fmt(stock)}`)
  console.log(`      pre-order saga ${fmt(saga)}   ratio ${ratio.toFixed(1)}x`)
  if (c === 8) goal = ratio >= 5 && saga.p99 <= 500
  if (saga.errors || stock.errors) goal = false
}

// Invariants over everything in the database, not only this run.
const db = new pg.Client({ connectionString: store.databaseUrl })
await db.connect()
const one = async (sql) => Number((await db.query(sql)).rows[0].n)
const violations = {
  ledger_vs_balance: await one(`select count(*) n from points_account a where a.balance <> (select coalesce(sum(amount),0) from points_entry e where e.customer_id = a.customer_id)`),
  negative_balance: await one(`select count(*) n from points_account where balance < 0`),
  duplicate_entitlement: await one(`select count(*) n from (select customer_id, game_id from entitlement where status='active' and deleted_at is null group by 1,2 having count(*) > 1) x`),
  completed_without_entitlement: await one(`select count(*) n from preorder p where p.status='completed' and not exists (select 1 from entitlement e where e.order_id = p.order_id and e.status='active')`),
  preorders_not_settled: await one(`select count(*) n from preorder where status in ('pending','refunding')`),
  orders_with_two_captures: await one(`select count(*) n from (select pc.id from payment_collection pc join payment p on p.payment_collection_id = pc.id join capture c on c.payment_id = p.id where c.deleted_at is null group by pc.id having count(*) > 1) x`),
  gateway_vs_completed_cash: await one(`select case when abs((select coalesce(sum(captured - refunded),0) from sandbox_gateway_charge) - (select coalesce(sum(cash_amount),0) from preorder where status='completed')) < 0.005 then 0 else 1 end n`),
}
await db.end()
const bad = Object.entries(violations).filter(([, n]) => n > 0)
console.log(`\ninvariants: ${bad.length ? `VIOLATED ${JSON.stringify(Object.fromEntries(bad))}` : "all hold"} (${Object.keys(violations).length} checked)`)
console.log(goal && !bad.length ? "preorder bench: goals met" : "preorder bench: GOALS NOT MET")
store.stop()
process.exitCode = goal && !bad.length ? 0 : 1
