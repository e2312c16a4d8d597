// Search benchmark: GET /store/search and /store/search/suggest on the PostgreSQL provider over a
// generated catalog (GAMES, default 10,000), beside stock Medusa's product search
// (GET /store/products?q=) in the same run. Queries rotate over words, prefixes, synonyms and typos
// taken from the catalog. Bounded: DURATION seconds per target, CONNECTIONS connections, loopback.
//   npm run bench:search            starts its own store (embedded PostgreSQL, .data/bench-search;
//                                   the first run seeds the catalog, later runs reuse it)
//   BACKEND_URL=… PUBLISHABLE_KEY=… npm run bench:search   measures a running store
import autocannon from "autocannon"
import { startStore } from "./lib/store.mjs"

const duration = Number(process.env.DURATION || 10)
const connections = Number(process.env.CONNECTIONS || 8)
const games = process.env.GAMES || "10000"
let store = null

/** Two neighbouring letters swapped: the typo a hurried player makes. */
const typo = (w) => (w.length < 5 ? w : w.slice(0, 1) + w[2] + w[1] + w.slice(3))

function load(url, key, paths, seconds = duration) {
  let i = 0
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { "x-publishable-api-key": key },
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (err, r) => (err ? reject(err) : resolve(r))
    )
  })
}

async function main() {
  const started = Date.now()
  store = await startStore({
    name: "bench-search",
    port: Number(process.env.BENCH_PORT || 9410),
    pgPort: Number(process.env.BENCH_PG_PORT || 54391),
    games,
    // A first run seeds the whole catalog through Medusa's product workflows.
    startTimeoutMs: 60 * 60_000,
  })
  console.log(`store ready in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  const get = async (p) => {
    const res = await fetch(`${store.url}${p}`, { headers: { "x-publishable-api-key": store.key } })
    if (!res.ok) throw new Error(`${p} -> ${res.status} ${await res.text()}`)
    return res.json()
  }
  const total = (await get("/store/search?country_code=US&limit=1")).total
  const sample = (await get("/store/search?country_code=US&limit=50&sort=title")).hits
  const words = [...new Set(sample.flatMap((h) => h.title.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 4))].slice(0, 40)
  const q = (params) => `?${new URLSearchParams({ country_code: "US", ...params })}`
  const searches = [
    ...words.map((w) => `/store/search${q({ q: w })}`),
    ...words.slice(0, 10).map((w) => `/store/search${q({ q: typo(w) })}`),
    `/store/search${q({ q: "rpg" })}`,
    `/store/search${q({ q: "role-playing", sort: "price" })}`,
    `/store/search${q({ genre: "rpg", price_max: "30", sort: "-release_at" })}`,
  ]
  const suggests = words.map((w) => `/store/search/suggest${q({ q: w.slice(0, 3) })}`)
  const stock = words.map((w) => `/store/products?q=${encodeURIComponent(w)}&limit=20`)
  console.log(`${total} games sold in US indexed; ${searches.length} search, ${suggests.length} suggest queries`)

  const rows = []
  for (const [name, paths] of [
    ["stock /store/products?q=", stock],
    ["kstore /store/search", searches],
    ["kstore /store/search/suggest", suggests],
  ]) {
    await load(store.url, store.key, paths, 2) // warm-up
    const r = await load(store.url, store.key, paths)
    const row = { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts }
    rows.push(row)
    console.log(`${name.padEnd(30)} ${row.rps.toFixed(1).padStart(8)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  errors ${row.errors}`)
  }
  const [stockRow, search, suggest] = rows
  console.log(`\nconcurrency ${connections}, ${duration} s per target, ${games} generated games`)
  console.log(`search: ${(search.rps / stockRow.rps).toFixed(2)}x stock product search; p99 ${search.p99} ms (goal < 50 ms)`)
  console.log(`suggest: p99 ${suggest.p99} ms (goal < 20 ms)`)
  const ok = search.p99 < 50 && suggest.p99 < 20 && rows.every((r) => r.errors === 0)
  console.log(ok ? "search bench: goals met" : "search bench: GOALS NOT MET")
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
