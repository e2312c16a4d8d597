// Storefront benchmark, on `npm start` itself (production builds, embedded PostgreSQL in
// .data/bench-storefront, its own ports):
//   1. boot: a first start (new database; both builds made again unless BENCH_KEEP_BUILDS=1), then
//      a later start of the same folder; seconds until "kstore is running".
//   2. idle memory: RSS (and PSS, which shares PostgreSQL's shared memory out fairly) per process
//      of the whole store, after IDLE_SECONDS without requests.
//   3. Chromium (Debian's, through playwright-core): the game page's Largest Contentful Paint in a
//      fresh context each time (no HTTP cache), and "Buy now" → confirmation of a signed-in player
//      with the sandbox card, p50/p99 over RUNS.
//   4. autocannon at c=CONNECTIONS on the game page's HTML against stock GET /store/products/:id
//      (region_id: prices calculated) of the same store in the same run.
// Goals: LCP ≤ 1.0 s, game page HTML ≥ 100 req/s at c=16, first start < 2 min, later < 15 s, the
// whole store idle < 1 GB. Exits 1 when one is not met. Loopback only, bounded in time and count.
import autocannon from "autocannon"
import { spawn } from "node:child_process"
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { percentile, processTree, root, storeClient } from "./lib/store.mjs"

const RUNS = Number(process.env.RUNS || 20)
const CONNECTIONS = Number(process.env.CONNECTIONS || 16)
const DURATION = Number(process.env.DURATION || 10)
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS || 20)
const PORT = Number(process.env.BENCH_PORT || 9420)
const STOREFRONT_PORT = Number(process.env.BENCH_STOREFRONT_PORT || 8420)
const PG_PORT = Number(process.env.BENCH_PG_PORT || 54401)
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const dataDir = path.join(root, ".data", "bench-storefront")
const backendUrl = `http://localhost:${PORT}`
const storefrontUrl = `http://localhost:${STOREFRONT_PORT}`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

let store = null

/** `npm start` (scripts/start.mjs) in a process group of its own; resolves once it says it runs. */
async function start() {
  const t0 = Date.now()
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(PORT),
      STOREFRONT_PORT: String(STOREFRONT_PORT),
      KSTORE_DATA_DIR: dataDir,
      KSTORE_PG_PORT: String(PG_PORT),
      DATABASE_URL: "",
      REDIS_URL: "",
      NODE_ENV: "",
      LOG_LEVEL: "error",
      // One IP signs in for every run.
      KSTORE_RATE_LIMIT_LOGIN_IP: "100000/60",
      KSTORE_RATE_LIMIT_SIGNUP_IP: "100000/60",
    },
  })
  let out = ""
  // The start script's own lines, with the second they came at: where a start spends its time.
  const phases = []
  const keep = (d) => {
    out = (out + d).slice(-20000)
    for (const line of String(d).split("\n")) if (line.startsWith("[kstore]")) phases.push(`${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line.slice(9)}`)
  }
  child.stdout.on("data", keep)
  child.stderr.on("data", keep)
  for (const until = Date.now() + 10 * 60_000; !out.includes("kstore is running"); await sleep(100)) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start did not come up:\n${out.slice(-3000)}`)
  }
  const ms = Date.now() - t0
  for (const line of phases) console.log(`  ${line}`)
  return {
    ms,
    pid: child.pid,
    log: () => out,
    key: JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")).publishable_key,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", resolve)
        process.kill(-child.pid, "SIGTERM")
        setTimeout(() => child.exitCode === null && process.kill(-child.pid, "SIGKILL"), 30_000).unref()
      }),
  }
}

// ── memory ──────────────────────────────────────────────────────────────────────────────────────

const kib = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0)

function role(cmdline) {
  if (/postgres/.test(cmdline)) return "embedded PostgreSQL"
  if (/scripts\/start\.mjs/.test(cmdline)) return "npm start (launcher)"
  if (/medusa/.test(cmdline)) return "backend (medusa start)"
  if (/next/.test(cmdline)) return "storefront (next start)"
  return "other"
}

function memory(rootPid) {
  const roles = new Map()
  for (const { pid } of processTree(rootPid)) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")
      const rss = kib(fs.readFileSync(`/proc/${pid}/status`, "utf8"), "VmRSS")
      const pss = kib(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"), "Pss")
      const r = roles.get(role(cmdline)) ?? { processes: 0, rss: 0, pss: 0 }
      roles.set(role(cmdline), { processes: r.processes + 1, rss: r.rss + rss, pss: r.pss + pss })
    } catch {}
  }
  return roles
}

// ── the browser ─────────────────────────────────────────────────────────────────────────────────

const storefrontRequire = createRequire(path.join(root, "storefront", "package.json"))
const { chromium } = storefrontRequire("playwright-core")
const en = JSON.parse(fs.readFileSync(path.join(root, "storefront", "messages", "en.json"), "utf8"))
const pattern = (text) => new RegExp(text.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+"))

/** The largest contentful paint of one fresh visit (no cache, no cookies), in ms. */
async function lcpOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(url, { waitUntil: "load", timeout: 30_000 })
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries()
            resolve(entries[entries.length - 1].startTime)
          }).observe({ type: "largest-contentful-paint", buffered: true })
        })
    )
  } finally {
    await context.close()
  }
}

/** Signs in through the page; the context keeps the session cookie for every later run. */
async function signIn(page, email, password) {
  await page.goto(`${storefrontUrl}/us/sign-in`)
  const main = page.getByRole("main")
  await main.getByLabel(en.auth.email, { exact: true }).fill(email)
  await main.getByLabel(en.auth.password, { exact: true }).fill(password)
  await main.getByRole("button", { name: en.auth.signIn, exact: true }).click()
  await page.waitForURL((u) => u.pathname === "/us/account", { timeout: 30_000 })
}

/** "Buy now" on the game page → checkout with the sandbox card → the settled confirmation; ms from the click. */
async function buyOnce(page, game) {
  const main = page.getByRole("main")
  await page.goto(`${storefrontUrl}/us/games/${game.handle}`)
  const buy = main.getByRole("link", { name: en.game.buy, exact: true })
  await buy.waitFor()
  const t0 = performance.now()
  await buy.click()
  await page.waitForURL((u) => u.pathname === "/us/checkout", { timeout: 30_000 })
  await main.getByRole("radio", { name: /card/i }).check()
  await main.getByRole("textbox", { name: pattern(en.checkout.cardNumber) }).fill("4242 4242 4242 4242")
  await main.getByRole("button", { name: pattern(en.checkout.pay) }).click()
  await main.getByRole("heading", { level: 1, name: en.purchase.heading.completed }).waitFor({ timeout: 30_000 })
  return performance.now() - t0
}

function load(url, headers = {}, duration = DURATION) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, r) => (err ? reject(err) : resolve(r)))
  )
}
// Warm-up: JIT, connection pools, caches.
const warm = (url, headers = {}) => load(url, headers, 2)

const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length }
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or CHROMIUM_PATH)`)
  const goals = []
  const goal = (name, ok, figure) => {
    goals.push({ name, ok })
    console.log(`${ok ? "ok  " : "MISS"} ${name}: ${figure}`)
  }

  // 1. boot
  fs.rmSync(dataDir, { recursive: true, force: true })
  const rebuild = process.env.BENCH_KEEP_BUILDS !== "1"
  if (rebuild) {
    // A first start after a fresh clone builds both: drop the stamps that let start.mjs reuse them.
    fs.rmSync(path.join(root, ".medusa", "admin", ".kstore-build"), { force: true })
    fs.rmSync(path.join(root, "storefront", ".next", ".kstore-build"), { force: true })
  }
  console.log(`first start (new database${rebuild ? ", both builds made again" : ", builds reused"})…`)
  store = await start()
  const first = store.ms
  await store.stop()
  console.log("later start…")
  store = await start()
  const later = store.ms
  console.log(`first start ${seconds(first)}, later start ${seconds(later)}`)

  // 2. idle memory
  await sleep(IDLE_SECONDS * 1000)
  const roles = memory(store.pid)
  let rss = 0
  let pss = 0
  console.log(`\nidle memory after ${IDLE_SECONDS} s (MiB):`)
  for (const [name, r] of [...roles].sort((a, b) => b[1].rss - a[1].rss)) {
    rss += r.rss
    pss += r.pss
    console.log(`  ${name.padEnd(26)} ${String(r.processes).padStart(3)} process(es)  RSS ${(r.rss / 1024).toFixed(0).padStart(5)}  PSS ${(r.pss / 1024).toFixed(0).padStart(5)}`)
  }
  console.log(`  ${"whole store".padEnd(26)}                  RSS ${(rss / 1024).toFixed(0).padStart(5)}  PSS ${(pss / 1024).toFixed(0).padStart(5)}`)

  // Data for the browser: a seeded released game sold in the US, games to buy, a player.
  const { call, followVerificationLink } = storeClient(backendUrl, store.key)
  const admin = { authorization: `Bearer ${(await call("POST", "/auth/user/emailpass", { email: "admin@kstore.local", password: "kstore-admin" })).token}` }
  const { regions } = await call("GET", "/store/regions")
  const usd = regions.find((r) => r.currency_code === "usd")
  const { games } = await call("GET", `/store/games?limit=50&status=released&region_id=${usd.id}&country_code=us`)
  const shown = games.find((g) => g.price || g.calculated_price) ?? games[0]
  if (!shown) throw new Error("no released game in the seeded catalog")
  const run = Date.now().toString(36)
  const toBuy = []
  for (let i = 0; i < RUNS + 1; i++) {
    const { game } = await call(
      "POST",
      "/admin/games",
      {
        title: `Bench Shelf ${run} ${i}`,
        prices: [{ currency_code: "usd", amount: 19.99 }],
        genres: ["action"],
        developer: "Bench",
        publisher: "Bench",
        release_at: new Date(Date.now() - 30 * 86400e3).toISOString(),
        platforms: ["windows"],
        service_countries: ["US"],
      },
      admin
    )
    toBuy.push(game)
  }
  const email = `bench-sf-${run}@example.com`
  const password = "bench-storefront-1"
  const reg = await call("POST", "/auth/customer/emailpass/register", { email, password })
  await call("POST", "/store/accounts", { email, residence_country: "US" }, { authorization: `Bearer ${reg.token}` })
  await followVerificationLink(email, admin)

  // 3. Chromium
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  })
  const gameUrl = `${storefrontUrl}/us/games/${shown.handle}`
  let lcp
  let buys
  try {
    await lcpOnce(browser, gameUrl) // warm-up: the server's first render of the page
    const lcps = []
    for (let i = 0; i < RUNS; i++) lcps.push(await lcpOnce(browser, gameUrl))
    lcp = summary(lcps)
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    await signIn(page, email, password)
    await buyOnce(page, toBuy[0]) // warm-up
    const times = []
    for (let i = 1; i <= RUNS; i++) times.push(await buyOnce(page, toBuy[i]))
    buys = summary(times)
    await context.close()
  } finally {
    await browser.close()
  }
  console.log(`\ngame page ${gameUrl}`)
  console.log(`LCP over ${lcp.n} fresh visits: p50 ${lcp.p50.toFixed(0)} ms, p99 ${lcp.p99.toFixed(0)} ms`)
  console.log(`"Buy now" → confirmation (settled), ${buys.n} purchases: p50 ${buys.p50.toFixed(0)} ms, p99 ${buys.p99.toFixed(0)} ms`)

  // 4. HTML of the game page against stock Medusa's product page
  const stockUrl = `${backendUrl}/store/products/${shown.product_id}?region_id=${usd.id}`
  const key = { "x-publishable-api-key": store.key }
  await warm(gameUrl)
  const html = await load(gameUrl)
  await warm(stockUrl, key)
  const stock = await load(stockUrl, key)
  const line = (name, r) =>
    console.log(`${name.padEnd(40)} ${r.requests.average.toFixed(1).padStart(8)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  errors ${r.errors + r.non2xx + r.timeouts}`)
  console.log(`\nautocannon, c=${CONNECTIONS}, ${DURATION} s each:`)
  line("storefront game page (HTML)", html)
  line("stock GET /store/products/:id (JSON)", stock)
  console.log(`game page HTML / stock product JSON: ${(html.requests.average / stock.requests.average).toFixed(2)}x`)

  console.log("\ngoals:")
  goal("first start < 2 min", first < 120_000, seconds(first))
  goal("later start < 15 s", later < 15_000, seconds(later))
  goal("whole store idle < 1 GB", rss / 1024 < 1024, `RSS ${(rss / 1024).toFixed(0)} MiB (PSS ${(pss / 1024).toFixed(0)} MiB)`)
  goal("game page LCP ≤ 1.0 s (p99)", lcp.p99 <= 1000, `p50 ${lcp.p50.toFixed(0)} ms, p99 ${lcp.p99.toFixed(0)} ms`)
  goal(`game page HTML ≥ 100 req/s at c=${CONNECTIONS}`, html.requests.average >= 100 && html.errors + html.non2xx === 0, `${html.requests.average.toFixed(1)} req/s`)
  return goals.every((g) => g.ok)
}

main()
  .then(async (ok) => {
    await store?.stop()
    console.log(ok ? "storefront bench: goals met" : "storefront bench: GOALS NOT MET")
    process.exit(ok ? 0 : 1)
  })
  .catch(async (err) => {
    console.error(err)
    if (store) console.error(store.log().slice(-3000))
    await store?.stop()
    process.exit(1)
  })
