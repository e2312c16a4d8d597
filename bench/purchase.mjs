// Purchase benchmark: stock Medusa cart → order checkout of a released game against our purchase
// saga (POST /store/purchases of a released game or a pre-order, 500 points + sandbox card,
// measured until the saga has completed), at concurrency 1, 8 and 32 in one run on one server,
// with the server's CPU time per order and, at c=1, the time per order of each workflow step,
// then the invariants of docs/ARCHITECTURE.md over everything in the database. Bounded by ORDERS_PER_LEVEL.
import fs from "node:fs"
import { execFileSync } from "node:child_process"
import pg from "pg"
import { percentile, processTree, startStore, storeClient } from "./lib/store.mjs"

const LEVELS = (process.env.LEVELS || "1,8,32").split(",").map(Number)
const PER_LEVEL = Number(process.env.ORDERS_PER_LEVEL || 48)
const store = await startStore({
  name: "bench-purchase",
  port: Number(process.env.BENCH_PORT || 9410),
  pgPort: Number(process.env.BENCH_PG_PORT || 54391),
  games: "20",
})
const { url, key } = store
const run = Math.random().toString(36).slice(2, 8)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const db = new pg.Client({ connectionString: store.databaseUrl })
await db.connect()
const one = async (sql) => Number((await db.query(sql)).rows[0].n)

const { call, followVerificationLink } = storeClient(url, key)

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

// One copy of a game per player, for stock checkout as for the saga: every order is a (player,
// game) pair not bought before. As many players as the highest concurrency, taken in turn, so
// concurrent orders are different players' (a player's purchase requests take turns on a lock).
// Each side buys one order per player first (warm-up), then PER_LEVEL per level.
const PLAYERS = Math.max(...LEVELS)
const orders = PLAYERS + PER_LEVEL * LEVELS.length
const perPlayer = (n) => Math.ceil(n / PLAYERS)
const released = []
const upcoming = []
for (let i = 0; i < perPlayer(orders) + perPlayer(orders / 2) + 1; i++) released.push(await game(`Bench Classic ${run} ${i}`, -30, false))
for (let i = 0; i < perPlayer(orders / 2) + 1; i++) upcoming.push(await game(`Bench Preorder ${run} ${i}`, 30, true))
const players = []
for (let i = 0; i < PLAYERS; i++) {
  const email = `bench-${run}-${i}@example.com`
  const reg = await call("POST", "/auth/customer/emailpass/register", { email, password: "bench-pass-1" })
  const { customer } = await call("POST", "/store/accounts", { email, residence_country: "US" }, { authorization: `Bearer ${reg.token}` })
  await followVerificationLink(email, admin)
  const login = await call("POST", "/auth/customer/emailpass", { email, password: "bench-pass-1" })
  await call("POST", `/admin/customers/${customer.id}/points/adjustments`, { points: 1_000_000, reason: "bench" }, admin)
  players.push({ id: customer.id, auth: { authorization: `Bearer ${login.token}` } })
}
const regions = (await call("GET", "/store/regions")).regions
const usd = regions.find((r) => r.currency_code === "usd")

const bought = new Set()
let turn = 0
function nextPair(pool) {
  for (let tries = 0; tries < players.length; tries++) {
    const p = players[turn++ % players.length]
    const g = pool.find((g) => !bought.has(`${p.id}:${g.id}`))
    if (g) {
      bought.add(`${p.id}:${g.id}`)
      return { p, g }
    }
  }
  throw new Error("no (player, game) pair left to buy")
}

async function stockCheckout() {
  const { p, g } = nextPair(released)
  const { cart } = await call("POST", "/store/carts", { region_id: usd.id, items: [{ variant_id: g.variant_id, quantity: 1 }] }, p.auth)
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id }, p.auth)
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, p.auth)
  const done = await call("POST", `/store/carts/${cart.id}/complete`, {}, p.auth)
  if (done.type !== "order") throw new Error(`checkout failed: ${JSON.stringify(done.error)}`)
}

let sagas = 0
async function purchaseSaga() {
  const n = sagas++
  // Every other order a pre-order (a game released in 30 days, pre-order open).
  const { p, g } = nextPair(n % 2 ? upcoming : released)
  const { purchase } = await call(
    "POST",
    "/store/purchases",
    { game_ids: [g.id], points: 500, payment: { method: "card", account: "4242424242424242" } },
    { ...p.auth, "idempotency-key": `bench-${run}-${n}` }
  )
  for (;;) {
    // Long poll: the answer comes when the saga settles, as a client would wait for it.
    const { purchase: s } = await call("GET", `/store/purchases/${purchase.id}?wait=10`, null, p.auth)
    if (s.status === "completed") return
    if (s.status === "awaiting_payment") await sleep(200) // the long poll waits on pending only
    else if (s.status !== "pending") throw new Error(`saga ${s.status}: ${s.failure_reason} ${s.failure_message ?? ""}`)
  }
}

// The server's CPU seconds: utime + stime of the server process and all its descendants, with what
// they reaped (PostgreSQL backends run in sessions of their own, so its process group is not enough),
// the backend's and the embedded PostgreSQL's apart; null when the bench did not start the server.
let HZ = 100
try {
  HZ = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100
} catch {}
function serverCpu() {
  if (!store.pid || !fs.existsSync("/proc/self/stat")) return null
  const cpu = { node: 0, pg: 0 }
  for (const { comm, fields: f } of processTree(store.pid)) {
    cpu[comm.startsWith("postgres") ? "pg" : "node"] += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / HZ
  }
  return cpu
}

// Orders placed by stock checkout are fulfilled in the background (order.placed: capture, points,
// library, order completed); a phase ends when nothing is left pending, so the next phase does not
// run beside its work and its CPU time counts for it.
async function drain(ms = 60_000) {
  const until = Date.now() + ms
  for (;;) {
    const left = await one(`select (select count(*) from "order" where status='pending' and deleted_at is null)
      + (select count(*) from purchase where status in ('pending','awaiting_payment','refunding')) n`)
    if (!left || Date.now() > until) return left
    await sleep(200)
  }
}

// Milliseconds per order by step, from the executions Medusa's workflow engine stores (every step's
// start time): a step lasts until the next one starts, the last until the execution's update. Wall
// time, which at c=1 on a CPU-bound server is close to the CPU the step costs.
const SAGA_WORKFLOWS = ["complete-cart", "purchase", "fulfil-purchase-order"]
const CONTAINER_STEPS = ["purchase: place-order"]
async function stepTimes(since, orders) {
  const { rows } = await db.query(
    `select workflow_id, execution, updated_at from workflow_execution where workflow_id = any($1) and created_at >= $2`,
    [SAGA_WORKFLOWS, since]
  )
  const ms = new Map()
  for (const row of rows) {
    const steps = Object.entries(row.execution?.steps ?? {})
      .filter(([id, st]) => id !== "_root" && st.startedAt)
      .map(([id, st]) => ({ name: `${row.workflow_id}: ${id.split(".").pop()}`, at: st.startedAt }))
      .sort((a, b) => a.at - b.at)
    steps.forEach((st, i) => {
      const end = i + 1 < steps.length ? steps[i + 1].at : new Date(row.updated_at).getTime()
      ms.set(st.name, (ms.get(st.name) ?? 0) + Math.max(0, end - st.at))
    })
  }
  return [...ms.entries()].map(([name, total]) => ({ name, ms: total / orders })).sort((a, b) => b.ms - a.ms)
}

async function measure(task, concurrency, count) {
  const since = new Date()
  const latencies = []
  let next = 0
  let errors = 0
  const cpu0 = serverCpu()
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
  const left = await drain()
  if (left) console.error(`${left} orders/purchases still pending 60 s after the phase`)
  const cpu1 = serverCpu()
  latencies.sort((a, b) => a - b)
  const done = latencies.length || 1
  return {
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    steps: concurrency === 1 ? await stepTimes(since, latencies.length || 1) : null,
    cpu: cpu0 && cpu1 ? { node: ((cpu1.node - cpu0.node) * 1000) / done, pg: ((cpu1.pg - cpu0.pg) * 1000) / done } : null,
  }
}

// One order per player on each side first, one at a time: Medusa creates a player's payment account
// holder on the first session, and two first sessions at once race ("already exists").
for (let i = 0; i < players.length; i++) await stockCheckout()
await drain()
for (let i = 0; i < players.length; i++) await purchaseSaga()

const fmt = (r) =>
  `${r.rate.toFixed(2).padStart(7)} orders/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  errors ${r.errors}` +
  (r.cpu ? `  cpu/order ${(r.cpu.node + r.cpu.pg).toFixed(0).padStart(4)} ms (node ${r.cpu.node.toFixed(0)}, pg ${r.cpu.pg.toFixed(0)})` : "")
const unmet = []
for (const c of LEVELS) {
  const stock = await measure(stockCheckout, c, PER_LEVEL)
  const saga = await measure(purchaseSaga, c, PER_LEVEL)
  const ratio = saga.rate / stock.rate
  console.log(`c=${String(c).padEnd(3)} stock checkout ${fmt(stock)}`)
  console.log(`      purchase saga  ${fmt(saga)}   ratio ${ratio.toFixed(1)}x`)
  if (stock.steps) {
    const show = (label, steps) => {
      // place-order runs completeCartWorkflow, whose own steps are listed: counted once.
      const sum = steps.filter((st) => !CONTAINER_STEPS.includes(st.name)).reduce((n, st) => n + st.ms, 0)
      console.log(`      ${label}: ${sum.toFixed(0)} ms per order in stored workflow steps, the largest:`)
      for (const st of steps.slice(0, 8)) console.log(`        ${st.ms.toFixed(1).padStart(6)} ms  ${st.name}`)
    }
    show("stock checkout", stock.steps)
    show("purchase saga", saga.steps)
  }
  if (c === 8) {
    if (!(ratio >= 5)) unmet.push(`ratio ${ratio.toFixed(1)}x < 5x at c=8`)
    if (!(saga.p99 <= 500)) unmet.push(`saga p99 ${saga.p99.toFixed(0)} ms > 500 ms at c=8`)
  }
  if (saga.errors || stock.errors) unmet.push(`${stock.errors + saga.errors} errors at c=${c}`)
}
if (!LEVELS.includes(8)) unmet.push("c=8 not measured")

// Invariants over everything in the database, not only this run. Stock checkout pays with
// pp_system_default and never reaches the sandbox gateway; legacy pre-orders (src/modules/preorder)
// charge it like purchases, so their completed cash counts while that table exists.
const exists = async (table) => (await db.query(`select to_regclass($1) t`, [table])).rows[0].t !== null
const gateway = (await exists("sandbox_gateway_charge")) ? "(select coalesce(sum(captured - refunded),0) from sandbox_gateway_charge)" : "0"
const legacy = (await exists("preorder")) ? "(select coalesce(sum(cash_amount),0) from preorder where status='completed')" : "0"
const violations = {
  ledger_vs_balance: await one(`select count(*) n from points_account a where a.balance <> (select coalesce(sum(amount),0) from points_entry e where e.customer_id = a.customer_id)`),
  negative_balance: await one(`select count(*) n from points_account where balance < 0`),
  duplicate_entitlement: await one(`select count(*) n from (select customer_id, game_id from entitlement where status='active' and deleted_at is null group by 1,2 having count(*) > 1) x`),
  completed_without_entitlement: await one(`select count(*) n from purchase p where p.status='completed' and not exists (select 1 from entitlement e where e.order_id = p.order_id and e.status='active' and e.deleted_at is null)`),
  purchases_not_settled: await one(`select count(*) n from purchase where status in ('pending','awaiting_payment','refunding')`),
  orders_with_two_captures: await one(`select count(*) n from (select pc.id from payment_collection pc join payment p on p.payment_collection_id = pc.id join capture c on c.payment_id = p.id where c.deleted_at is null group by pc.id having count(*) > 1) x`),
  orders_left_pending: await one(`select count(*) n from "order" where status='pending' and deleted_at is null`),
  gateway_vs_completed_cash: await one(`select case when abs(${gateway} - (select coalesce(sum(cash_amount),0) from purchase where status='completed') - ${legacy}) < 0.005 then 0 else 1 end n`),
}
await db.end()
const bad = Object.entries(violations).filter(([, n]) => n > 0)
console.log(`\ninvariants: ${bad.length ? `VIOLATED ${JSON.stringify(Object.fromEntries(bad))}` : "all hold"} (${Object.keys(violations).length} checked)`)
const met = !unmet.length && !bad.length
console.log(met ? "purchase bench: goals met" : `purchase bench: GOALS NOT MET${unmet.length ? ` (${unmet.join("; ")})` : ""}`)
store.stop()
process.exitCode = met ? 0 : 1
