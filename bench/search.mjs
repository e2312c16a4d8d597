// Search benchmark: GET /store/search and /store/search/suggest on the PostgreSQL provider over a
// generated catalog (GAMES, default 10,000), beside stock Medusa's product search
// (GET /store/products?q=) in the same run. Queries rotate over words, prefixes, synonyms and typos
// taken from the catalog. Bounded: DURATION seconds per target, CONNECTIONS connections, loopback.
//   npm run bench:search            starts its own store (embedded PostgreSQL, .data/bench-search;
//                                   the first run seeds the catalog, later runs reuse it)
//   BACKEND_URL=… PUBLISHABLE_KEY=… npm run bench:search   measures a running store
import { benchLine, rotatingLoad, startStore } from "./lib/store.mjs"

const duration = Number(process.env.DURATION || 10)
const connections = Number(process.env.CONNECTIONS || 8)
const games = process.env.GAMES || "10000"

/** Two neighbouring letters swapped: the typo a hurried player makes. */
const typo = (w) => (w.length < 5 ? w : w.slice(0, 1) + w[2] + w[1] + w.slice(3))

const started = Date.now()
const store = await startStore({
  name: "bench-search",
  port: Number(process.env.BENCH_PORT || 9410),
  pgPort: Number(process.env.BENCH_PG_PORT || 54391),
  games,
  // A first run seeds the whole catalog through Medusa's product workflows.
  startTimeoutMs: 60 * 60_000,
})
let ok = false
try {
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

  // Answers are cached (Medusa's Caching Module): the engine itself is measured with queries that
  // never repeat within a run (each base query at a page offset of its own), beside repeated ones.
  const distinct = (paths) => Array.from({ length: 6000 }, (_, k) => `${paths[k % paths.length]}&offset=${Math.floor(k / paths.length)}`)
  // Suggest takes only q and limit: prefixes of 3 to 6 letters at limits 1 to 20.
  const distinctSuggests = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].flatMap((limit) =>
    [3, 4, 5, 6].flatMap((n) => words.filter((w) => w.length >= n).map((w) => `/store/search/suggest${q({ q: w.slice(0, n), limit: String(limit) })}`))
  )
  const rows = []
  for (const [name, paths] of [
    ["stock /store/products?q=", stock],
    ["kstore /store/search (engine)", distinct(searches)],
    ["kstore /store/search/suggest (engine)", distinctSuggests],
    ["kstore /store/search (cached)", searches],
    ["kstore /store/search/suggest (cached)", suggests],
  ]) {
    const requests = paths.map((path) => ({ path }))
    // Warm-up from the far end of the list, so the measured run's queries are still new to the cache.
    await rotatingLoad({ url: store.url, key: store.key, requests: [...requests].reverse(), connections, seconds: 2 })
    const row = await rotatingLoad({ url: store.url, key: store.key, requests, connections, seconds: duration })
    rows.push(row)
    console.log(benchLine(name, row))
  }
  const [stockRow, search, suggest, searchCached, suggestCached] = rows
  console.log(`\nconcurrency ${connections}, ${duration} s per target, ${games} generated games`)
  console.log(`search: ${(search.rps / stockRow.rps).toFixed(2)}x stock product search; p99 ${search.p99} ms uncached, ${searchCached.p99} ms cached (goal < 50 ms)`)
  console.log(`suggest: ${(suggest.rps / stockRow.rps).toFixed(2)}x stock product search; p99 ${suggest.p99} ms uncached, ${suggestCached.p99} ms cached (goal < 20 ms)`)
  ok = search.p99 < 50 && suggest.p99 < 20 && rows.every((r) => r.errors === 0)
  console.log(ok ? "search bench: goals met" : "search bench: GOALS NOT MET")
} catch (e) {
  console.error(e)
} finally {
  store.stop()
  process.exitCode = ok ? 0 : 1
}
