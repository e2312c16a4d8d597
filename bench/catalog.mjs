// Catalog benchmark: game list and game page against stock Medusa /store/products (list and
// product page) in the same run, on the same server. Bounded: DURATION seconds per target,
// CONNECTIONS concurrent connections, loopback only. Our routes answer from Medusa's Caching
// Module after their first read (x-cache: hit); stock Medusa's routes are uncached (its caching
// feature flag is off), which is what they are measured as.
//   npm run bench:catalog            starts its own store (embedded PostgreSQL, .data/bench)
//   BACKEND_URL=… PUBLISHABLE_KEY=… npm run bench:catalog   measures a running store
import autocannon from "autocannon"
import { startStore } from "./lib/store.mjs"

const duration = Number(process.env.DURATION || 10)
const connections = Number(process.env.CONNECTIONS || 16)
let url
let key

let store = null

async function get(pathname) {
  const res = await fetch(`${url}${pathname}`, { headers: { "x-publishable-api-key": key } })
  if (!res.ok) throw new Error(`${pathname} -> ${res.status} ${await res.text()}`)
  return res.json()
}

function load(pathname, seconds = duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${url}${pathname}`, connections, duration: seconds, headers: { "x-publishable-api-key": key } },
      (err, r) => (err ? reject(err) : resolve(r))
    )
  })
}

function row(name, r) {
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  }
}

async function main() {
  store = await startStore({
    name: "bench",
    port: Number(process.env.BENCH_PORT || 9400),
    pgPort: Number(process.env.BENCH_PG_PORT || 54381),
  })
  url = store.url
  key = store.key
  const { regions } = await get("/store/regions")
  const us = regions.find((r) => r.currency_code === "usd") ?? regions[0]
  const { games } = await get("/store/games?limit=1&status=released")
  const game = games[0]
  const targets = [
    ["stock /store/products (list)", `/store/products?limit=20&region_id=${us.id}`],
    ["kstore /store/games (list)", `/store/games?limit=20&region_id=${us.id}`],
    ["stock /store/products/:id (page)", `/store/products/${game.product_id}?region_id=${us.id}`],
    ["kstore /store/games/:handle (page)", `/store/games/${game.handle}?region_id=${us.id}`],
  ]
  for (const [, p] of targets.filter(([name]) => name.startsWith("kstore"))) {
    await get(p)
    const res = await fetch(`${url}${p}`, { headers: { "x-publishable-api-key": key } })
    console.log(`${p.split("?")[0]}: x-cache ${res.headers.get("x-cache")}`)
  }
  const rows = []
  for (const [name, p] of targets) {
    await load(p, 2) // warm-up: JIT, connection pools, caches
    rows.push(row(name, await load(p)))
    const last = rows.at(-1)
    console.log(`${name.padEnd(36)} ${last.rps.toFixed(1).padStart(8)} req/s  p50 ${String(last.p50).padStart(4)} ms  p99 ${String(last.p99).padStart(4)} ms  errors ${last.errors}`)
  }
  const [stockList, gameList, stockPage, gamePage] = rows
  const listRatio = gameList.rps / stockList.rps
  const pageRatio = gamePage.rps / stockPage.rps
  console.log(`\nconcurrency ${connections}, ${duration} s per target, 20 items per list page`)
  console.log(`game list / stock product list: ${listRatio.toFixed(1)}x   (goal >= 10x, p99 ${gameList.p99} ms, goal < 100 ms)`)
  console.log(`game page / stock product page: ${pageRatio.toFixed(1)}x   (goal >= 5x, p99 ${gamePage.p99} ms, goal < 100 ms)`)
  const ok =
    listRatio >= 10 && pageRatio >= 5 && gameList.p99 < 100 && gamePage.p99 < 100 && rows.every((r) => r.errors === 0)
  console.log(ok ? "catalog bench: goals met" : "catalog bench: GOALS NOT MET")
  return ok
}

main()
  .then((ok) => {
    store?.stop()
    process.exitCode = ok ? 0 : 1
  })
  .catch((e) => {
    console.error(e)
    store?.stop()
    process.exitCode = 1
  })
