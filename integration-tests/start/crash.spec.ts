import { spawn, ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"

jest.setTimeout(12 * 60 * 1000)

/**
 * Process deaths, as measured from outside: the real server is killed with SIGKILL while sagas
 * are inside their steps (armed crash points: a step that never returns, so the kill lands there)
 * and during a burst of concurrent purchases and refunds, then started again. Within 30 s the
 * recovery job must have settled every saga, and the invariants of docs/ARCHITECTURE.md hold in SQL.
 */
const root = path.resolve(__dirname, "../..")
const port = 9321
const url = `http://localhost:${port}`
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-crash-"))
const base = process.env.TEST_DATABASE_URL ?? "postgres://postgres@localhost:5432"
const dbName = `kstore_crash_${Math.random().toString(36).slice(2, 8)}`
const databaseUrl = `${base}/${dbName}`
// One purchase stops at each of these, in saga order (a point fires once); then one refund each.
const CRASH_POINTS = [
  "hold-points:after",
  "load-placed-order:after",
  "capture-order-payments:after",
  "accrue-purchase-points:after",
  "grant-purchased-games:before",
  "restore-spent-points:after",
  "refund-game-payment:after",
  "clawback-refund-points:after",
]
const PURCHASE_POINTS = 5
// Then one gift stops at each of these (again a point fires once, so the order of the gifts is
// the order of the points): the first delivery before its announcement, a cancel after its move,
// an accept before its grant, a decline before and one after recording its refund.
const GIFT_POINTS = ["announce-gifts:before", "move-gift:after", "grant-gift:before", "refund-gift:before", "refund-gift:after"]

type Run = { child: ChildProcess; output: () => string }

function start(faults: string[]): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    KSTORE_DATA_DIR: dataDir,
    KSTORE_SEED_GAMES: "12",
    ADMIN_DISABLED: "true",
    // The backend's sagas are under test: no storefront build (nor its port) for it.
    STOREFRONT_DISABLED: "true",
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    KSTORE_TEST_FAULTS: faults.map((f) => `${f}=crash`).join(","),
  }
  for (const key of ["REDIS_URL", "TEST_TYPE", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD"]) delete env[key]
  let out = ""
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, detached: true })
  child.stdout!.on("data", (d) => (out = (out + d).slice(-50_000)))
  child.stderr!.on("data", (d) => (out = (out + d).slice(-50_000)))
  return { child, output: () => out }
}

async function running(run: Run) {
  for (const until = Date.now() + 5 * 60_000; Date.now() < until; ) {
    if (run.output().includes("kstore is running")) return
    if (run.child.exitCode !== null) throw new Error(`start exited early:\n${run.output().slice(-3000)}`)
    await sleep(500)
  }
  throw new Error(`not running:\n${run.output().slice(-3000)}`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const kill = async (run: Run) => {
  if (run.child.exitCode !== null) return
  const exited = new Promise((r) => run.child.once("exit", r))
  process.kill(-run.child.pid!, "SIGKILL")
  await exited
}

let key = ""
async function call(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { "content-type": "application/json", "x-publishable-api-key": key, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(data)}`)
  return data
}

/** Follows the email verification link mailed at sign-up, read from the stored mail as staff see it. */
async function followVerificationLink(email: string) {
  const { token } = await call("POST", "/auth/user/emailpass", { email: "admin@kstore.local", password: "kstore-admin" })
  for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
    const { notifications } = await call("GET", `/admin/notifications?channel=email&to=${encodeURIComponent(email)}`, undefined, { authorization: `Bearer ${token}` })
    const mail = notifications.find((n: any) => n.template === "email-verification")
    if (mail) return call("GET", `/store/email-verifications/${new URL(mail.data.url).searchParams.get("token")}`)
  }
  throw new Error(`no verification mail for ${email}`)
}

async function player(n: string) {
  const email = `crash-${n}-${Date.now()}@example.com`
  const reg = await call("POST", "/auth/customer/emailpass/register", { email, password: "crash-pass-1" })
  const { customer } = await call("POST", "/store/accounts", { email, residence_country: "US" }, { authorization: `Bearer ${reg.token}` })
  await followVerificationLink(email)
  const login = await call("POST", "/auth/customer/emailpass", { email, password: "crash-pass-1" })
  return { id: customer.id as string, auth: { authorization: `Bearer ${login.token}` } }
}

describe("a server killed with SIGKILL inside its sagas", () => {
  let run: Run | undefined
  let db: Client

  beforeAll(async () => {
    const admin = new Client({ connectionString: `${base}/postgres` })
    await admin.connect()
    await admin.query(`create database ${dbName}`)
    await admin.end()
    db = new Client({ connectionString: databaseUrl })
  })

  afterAll(async () => {
    if (run) await kill(run)
    await db?.end().catch(() => {})
    const admin = new Client({ connectionString: `${base}/postgres` })
    await admin.connect()
    if (!process.env.KSTORE_KEEP_CRASH_DB) await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {})
    await admin.end()
  })

  it("settles every saga within 30 s of the restart, and every invariant holds", async () => {
    run = start([...CRASH_POINTS, ...GIFT_POINTS])
    await running(run)
    key = JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")).publishable_key
    await db.connect()
    const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows

    // A released game sold in the US (every player here lives there).
    const { games } = await call("GET", "/store/games?country_code=US&country=US&status=released&limit=1")
    const game = games[0]
    // Staff give each player points, so purchases hold and refunds restore some.
    const adminToken = (await call("POST", "/auth/user/emailpass", { email: "admin@kstore.local", password: "kstore-admin" })).token
    const withPoints = async (n: string) => {
      const p = await player(n)
      await call("POST", `/admin/customers/${p.id}/points/adjustments`, { points: 1000, reason: "crash test" }, { authorization: `Bearer ${adminToken}` })
      return p
    }
    const BUY = { game_ids: [game.id], points: 300, payment: { method: "card", account: "4242424242424242" } }

    // One purchase per purchase-side crash point, one after the other: each stops at the next point.
    const buyers: { purchase_id: string }[] = []
    for (let i = 0; i < PURCHASE_POINTS; i++) {
      const p = await withPoints(`p${i}`)
      const { purchase } = await call("POST", "/store/purchases", BUY, { ...p.auth, "idempotency-key": `crash-p-${i}-${Date.now()}` })
      buyers.push({ ...p, purchase_id: purchase.id as string })
      await sleep(1500)
    }
    // Completed purchases to refund, each refund stopping at the next refund-side point.
    const refunders: { refund_id: string }[] = []
    for (let i = 0; i < CRASH_POINTS.length - PURCHASE_POINTS; i++) {
      const p = await withPoints(`r${i}`)
      const { purchase } = await call("POST", "/store/purchases", BUY, { ...p.auth, "idempotency-key": `crash-r-${i}-${Date.now()}` })
      const done = (await call("GET", `/store/purchases/${purchase.id}?wait=15`, undefined, p.auth)).purchase
      expect(done.status).toBe("completed")
      const { refund } = await call("POST", `/store/orders/${done.order_id}/refunds`, {}, p.auth)
      refunders.push({ ...p, refund_id: refund.id as string })
      await sleep(1500)
    }
    // Gifts from one sender, a friend each; each gift's delivery or answer stops at the next gift point.
    const [sender, ...friends] = await Promise.all([withPoints("gs"), ...Array.from({ length: 5 }, (_, i) => player(`gr${i}`))])
    for (const f of friends) {
      const { profile } = await call("GET", "/store/customers/me/profile", undefined, f.auth)
      const { request } = await call("POST", "/store/friends/requests", { handle: profile.handle }, sender.auth)
      await call("POST", `/store/friends/requests/${request.id}/accept`, {}, f.auth)
    }
    const giftRow = async (id: string) => (await one(`select state, notified_at, refund_id from gift where id = $1`, [id]))[0]
    const untilGift = async (id: string, done: (g: any) => boolean) => {
      for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) if (done(await giftRow(id))) return
      throw new Error(`gift ${id} is ${JSON.stringify(await giftRow(id))}`)
    }
    const sendGift = async (i: number, later = false) => {
      const body = { game_id: game.id, recipient_id: friends[i].id, points: 100, payment: BUY.payment, ...(later ? { deliver_at: new Date(Date.now() + 86400e3).toISOString() } : {}) }
      const { gift } = await call("POST", "/store/gifts", body, { ...sender.auth, "idempotency-key": `crash-g-${i}-${Date.now()}` })
      return gift.id as string
    }
    // A request whose server dies inside it never answers.
    const hanging = (method: string, pathname: string, auth: Record<string, string>) => void call(method, pathname, {}, auth).catch(() => null)
    const announced = (g: any) => g.state === "delivered" && !!g.notified_at
    const gifted: Record<"delivered" | "cancelled" | "accepted" | "declined" | "declined_recorded", string> = {} as any
    // A "send now" gift, delivered by its own purchase saga, which dies before announcing it.
    gifted.delivered = await sendGift(0)
    await untilGift(gifted.delivered, (g) => g.state === "delivered")
    gifted.cancelled = await sendGift(1, true)
    await untilGift(gifted.cancelled, (g) => g.state === "scheduled")
    hanging("POST", `/store/gifts/${gifted.cancelled}/cancel`, sender.auth)
    await untilGift(gifted.cancelled, (g) => g.state === "cancelled")
    gifted.accepted = await sendGift(2)
    await untilGift(gifted.accepted, announced)
    hanging("POST", `/store/gifts/${gifted.accepted}/accept`, friends[2].auth)
    await untilGift(gifted.accepted, (g) => g.state === "accepted")
    gifted.declined = await sendGift(3)
    await untilGift(gifted.declined, announced)
    hanging("POST", `/store/gifts/${gifted.declined}/decline`, friends[3].auth)
    await untilGift(gifted.declined, (g) => g.state === "declined")
    gifted.declined_recorded = await sendGift(4)
    await untilGift(gifted.declined_recorded, announced)
    hanging("POST", `/store/gifts/${gifted.declined_recorded}/decline`, friends[4].auth)
    await untilGift(gifted.declined_recorded, (g) => !!g.refund_id)

    // A burst of concurrent purchases, killed mid-way.
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => withPoints(`b${i}`)))
    const sent = burst.map((p, i) =>
      call("POST", "/store/purchases", BUY, { ...p.auth, "idempotency-key": `crash-b-${i}-${Date.now()}` }).catch(() => null)
    )
    // Long enough for some to be recorded and inside their sagas, too short for all to finish.
    await sleep(1200)
    await kill(run)
    await Promise.all(sent)

    // A gift is settled when accepted with its entitlement, refunded once closed, announced once delivered.
    const unsettled = async () =>
      one(`select (select count(*)::int from purchase where status in ('pending', 'refunding')) p,
                  (select count(*)::int from game_refund where status = 'refunding') r,
                  (select count(*)::int from gift g where g.state in ('paying', 'declined', 'expired', 'cancelled')
                     or (g.state = 'delivered' and g.notified_at is null)
                     or (g.state = 'accepted' and not exists (select 1 from entitlement e where e.order_id = g.order_id and e.customer_id = g.recipient_id and e.status = 'active'))) g`)
    const before = (await unsettled())[0]
    expect(before.p + before.r).toBeGreaterThan(0)
    // The delivered, cancelled, accepted and declined gifts at least (the last decline's refund may be through).
    expect(before.g).toBeGreaterThanOrEqual(4)

    run = start([])
    await running(run)
    const restarted = Date.now()
    let left = before
    while (Date.now() - restarted < 30_000) {
      left = (await unsettled())[0]
      if (left.p + left.r + left.g === 0) break
      await sleep(1000)
    }
    if (left.p + left.r + left.g) {
      // What is left, to tell why.
      const stuck = await one(`select w.workflow_id, w.transaction_id, w.state, p.status from workflow_execution w left join purchase p on p.id = w.transaction_id where w.state not in ('done', 'reverted', 'failed') and w.workflow_id in ('purchase', 'refund-games', 'fulfil-purchase-order', 'accept-gift', 'close-gift')`)
      console.log(JSON.stringify(await one(`select id, state, notified_at, refund_id from gift where id = any($1)`, [Object.values(gifted)])))
      console.log(JSON.stringify(stuck), run.output().slice(-3000))
    }
    expect(left).toEqual({ p: 0, r: 0, g: 0 })
    console.log(`crash test: ${before.p} purchases, ${before.r} refunds and ${before.g} gifts unsettled at the kill, all settled ${((Date.now() - restarted) / 1000).toFixed(1)} s after the restart`)

    // The invariants, over everything in the database.
    const violations = {
      ledger_vs_balance: `select count(*)::int n from points_account a where a.balance <> (select coalesce(sum(amount), 0) from points_entry e where e.customer_id = a.customer_id)`,
      negative_balance: `select count(*)::int n from points_account where balance < 0`,
      held_after_settling: `select count(*)::int n from purchase p where p.status in ('completed', 'failed', 'refunded') and (select coalesce(sum(-amount), 0) from points_entry e where e.reference_id = p.cart_id and e.kind in ('hold', 'release')) <> 0`,
      // A gift's purchase grants nothing until its recipient accepts it.
      completed_without_entitlement: `select count(*)::int n from purchase p where p.status = 'completed' and (p.gift_id is null or exists (select 1 from gift g where g.id = p.gift_id and g.state = 'accepted')) and not exists (select 1 from entitlement e where e.order_id = p.order_id and e.status = 'active')`,
      failed_with_entitlement_or_order: `select count(*)::int n from purchase p join cart_payment_collection c on c.cart_id = p.cart_id where p.status = 'failed' and (p.order_id is not null or exists (select 1 from payment y join capture k on k.payment_id = y.id and k.deleted_at is null where y.payment_collection_id = c.payment_collection_id))`,
      pending_orders: `select count(*)::int n from "order" where status = 'pending' and deleted_at is null`,
      // A completion that died between linking its order and authorizing the payment must not be
      // adopted as it is: completeCartWorkflow answers a linked cart with that order unpaid.
      completed_unpaid: `select count(*)::int n from purchase p join cart_payment_collection c on c.cart_id = p.cart_id join payment_collection pc on pc.id = c.payment_collection_id where p.status = 'completed' and pc.amount > 0 and not exists (select 1 from payment y join capture k on k.payment_id = y.id and k.deleted_at is null where y.payment_collection_id = pc.id)`,
      orders_per_cart: `select count(*)::int n from (select metadata->>'purchase_id' from "order" where status <> 'canceled' and deleted_at is null and metadata->>'purchase_id' is not null group by 1 having count(*) > 1) x`,
      duplicate_entitlement: `select count(*)::int n from (select customer_id, game_id from entitlement where status = 'active' and deleted_at is null group by 1, 2 having count(*) > 1) x`,
      two_captures: `select count(*)::int n from (select payment_id from capture where deleted_at is null group by 1 having count(*) > 1) x`,
      gateway_vs_medusa_captures: `select count(*)::int n from payment y join sandbox_gateway_charge g on g.id = y.data->>'charge_id' where abs(g.captured - (select coalesce(sum(amount), 0) from capture k where k.payment_id = y.id and k.deleted_at is null)) > 0.001`,
      gateway_vs_reported_refunds: `select count(*)::int n from payment y join sandbox_gateway_charge g on g.id = y.data->>'charge_id' where abs(g.refunded - (select coalesce(sum(amount), 0) from game_refund r where r.order_id = (select order_id from order_payment_collection o where o.payment_collection_id = y.payment_collection_id limit 1) and r.status = 'refunded')) > 0.001`,
      refunded_with_entitlement: `select count(*)::int n from game_refund r join entitlement e on e.order_id = r.order_id and e.status = 'active' where r.status = 'refunded'`,
      // Gifts: refunded once, the game never the sender's, the recipient's only once accepted,
      // delivered and announced once.
      gift_refunded_twice: `select count(*)::int n from (select idempotency_key from game_refund where idempotency_key like 'gift-refund.%' group by 1 having count(*) > 1) x`,
      gift_refunded_without_refund: `select count(*)::int n from gift g where g.state = 'refunded' and not exists (select 1 from game_refund r where r.id = g.refund_id and r.idempotency_key = 'gift-refund.' || g.id and r.status = 'refunded')`,
      gift_closed_unrefunded: `select count(*)::int n from gift where state in ('declined', 'expired', 'cancelled')`,
      gift_to_sender: `select count(*)::int n from gift g join entitlement e on e.order_id = g.order_id and e.customer_id = g.sender_id`,
      gift_entitlement_unaccepted: `select count(*)::int n from gift g join entitlement e on e.order_id = g.order_id and e.status = 'active' where g.state <> 'accepted' or e.customer_id <> g.recipient_id`,
      gift_accepted_without_entitlement: `select count(*)::int n from gift g where g.state = 'accepted' and g.refund_id is null and not exists (select 1 from entitlement e where e.order_id = g.order_id and e.customer_id = g.recipient_id and e.status = 'active')`,
      gift_delivered_twice: `select count(*)::int n from (select gift_id from gift_event where from_state = 'scheduled' and to_state = 'delivered' group by 1 having count(*) > 1) x`,
      gift_unannounced: `select count(*)::int n from gift where state = 'delivered' and notified_at is null`,
      gift_failed_with_order: `select count(*)::int n from gift where state = 'failed' and order_id is not null`,
      gift_mail_twice: `select count(*)::int n from (select idempotency_key from mail_outbox where idempotency_key like 'gift:%' and deleted_at is null group by 1 having count(*) > 1) x`,
    }
    const found: Record<string, number> = {}
    for (const [name, sql] of Object.entries(violations)) found[name] = (await one(sql))[0].n
    expect(found).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, 0])))

    // The purchases that stopped at a crash point ended one way or the other, and the refunds went through.
    const ends = await one(`select status from purchase where id = any($1)`, [buyers.map((b) => b.purchase_id)])
    expect(ends.every((r) => ["completed", "failed"].includes(r.status))).toBe(true)
    const refunds = await one(`select status from game_refund where id = any($1)`, [refunders.map((r) => r.refund_id)])
    expect(refunds.every((r) => ["refunded", "failed"].includes(r.status))).toBe(true)

    // Each gift that stopped at a crash point was driven on as asked: announced once, accepted
    // with the recipient's entitlement, refunded once, and the answer told (sender; and recipient).
    const giftEnds: Record<string, any> = {}
    for (const [what, id] of Object.entries(gifted)) {
      ;[giftEnds[what]] = await one(
        `select g.state, g.notified_at is not null announced,
                (select count(*)::int from game_refund r where r.idempotency_key = 'gift-refund.' || g.id and r.status = 'refunded') refunds,
                (select count(*)::int from entitlement e where e.order_id = g.order_id and e.customer_id = g.recipient_id and e.status = 'active') owned,
                (select count(*)::int from mail_outbox m where m.idempotency_key = 'gift:' || g.id || ':received') received,
                (select count(*)::int from mail_outbox m where m.idempotency_key like 'gift:' || g.id || ':gift-%') told
           from gift g where g.id = $1`,
        [id]
      )
    }
    const refundedOnce = { state: "refunded", announced: true, refunds: 1, owned: 0, received: 1, told: 2 }
    expect(giftEnds).toEqual({
      delivered: { state: "delivered", announced: true, refunds: 0, owned: 0, received: 1, told: 0 },
      cancelled: { ...refundedOnce, announced: false, received: 0, told: 1 },
      accepted: { state: "accepted", announced: true, refunds: 0, owned: 1, received: 1, told: 1 },
      declined: refundedOnce,
      declined_recorded: refundedOnce,
    })
  })
})
