// Recommendation serving benchmark: PLAYERS players (default 40) sign up and look at VIEWS game
// pages each (signed in, so each view is a recorded signal), then GET /store/recommendations (as
// those players, in turn) and GET /store/games/:id/similar are loaded at CONNECTIONS (default 8)
// beside stock GET /store/products in the same run. Goal: p99 < 20 ms. Bounded, loopback only.
import { benchLine, rotatingLoad, startStore, storeClient } from "./lib/store.mjs"

const PLAYERS = Number(process.env.PLAYERS || 40)
const VIEWS = Number(process.env.VIEWS || 8)
const duration = Number(process.env.DURATION || 10)
const connections = Number(process.env.CONNECTIONS || 8)

const store = await startStore({ name: "bench-recs", port: Number(process.env.BENCH_PORT || 9430), pgPort: Number(process.env.BENCH_PG_PORT || 54393) })
const { url, key } = store
const { call, followVerificationLink } = storeClient(url, key)
const run = Math.random().toString(36).slice(2, 8)

let ok = false
try {
  const admin = { authorization: `Bearer ${(await call("POST", "/auth/user/emailpass", { email: "admin@kstore.local", password: "kstore-admin" })).token}` }
  const { games } = await call("GET", "/store/games?country_code=us&country=US&limit=100")
  const tokens = []
  for (let p = 0; p < PLAYERS; p++) {
    const email = `bench-recs-${run}-${p}@example.com`
    const reg = await call("POST", "/auth/customer/emailpass/register", { email, password: "bench-pass-1" })
    await call("POST", "/store/accounts", { email, first_name: "Bench", last_name: `P${p}`, residence_country: "US" }, { authorization: `Bearer ${reg.token}` })
    await followVerificationLink(email, admin)
    const { token } = await call("POST", "/auth/customer/emailpass", { email, password: "bench-pass-1" })
    tokens.push(token)
    // A taste: views around a few neighbouring games of the list, so players overlap.
    const start = (p * 7) % games.length
    for (let v = 0; v < VIEWS; v++) {
      await call("GET", `/store/games/${games[(start + v * 3) % games.length].handle}`, undefined, { authorization: `Bearer ${token}` })
    }
  }
  console.log(`${PLAYERS} players, ${PLAYERS * VIEWS} recorded views over ${games.length} games`)

  const targets = [
    ["stock /store/products", games.map(() => ({ path: "/store/products?limit=12" }))],
    ["kstore /store/recommendations", tokens.map((t) => ({ path: "/store/recommendations?limit=12", headers: { "x-publishable-api-key": key, authorization: `Bearer ${t}` } }))],
    ["kstore /store/games/:id/similar", games.map((g) => ({ path: `/store/games/${g.id}/similar?limit=8&country_code=us` }))],
  ]
  const rows = []
  for (const [name, requests] of targets) {
    await rotatingLoad({ url, key, requests, connections, seconds: 2 }) // warm-up (and the first request trains the model)
    const row = await rotatingLoad({ url, key, requests, connections, seconds: duration })
    rows.push(row)
    console.log(benchLine(name, row))
  }
  const [stock, recs, similar] = rows
  console.log(`\nconcurrency ${connections}, ${duration} s per target`)
  console.log(`recommendations: ${(recs.rps / stock.rps).toFixed(2)}x stock product list, p99 ${recs.p99} ms (goal < 20 ms)`)
  console.log(`similar games: ${(similar.rps / stock.rps).toFixed(2)}x stock product list, p99 ${similar.p99} ms (goal < 20 ms)`)
  ok = recs.p99 < 20 && similar.p99 < 20 && rows.every((r) => r.errors === 0)
  console.log(ok ? "recommendations bench: goals met" : "recommendations bench: GOALS NOT MET")
} catch (e) {
  console.error(e)
} finally {
  store.stop()
  process.exitCode = ok ? 0 : 1
}
