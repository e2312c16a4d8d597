import { spawn, ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"

// The first start may build the admin dashboard and the storefront (minutes on two cores).
jest.setTimeout(20 * 60 * 1000)

const root = path.resolve(__dirname, "../..")
const port = 9311
const pgPort = 54361
const storefrontPort = 8311
const url = `http://localhost:${port}`
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-start-"))

type Run = { child: ChildProcess; output: () => string }

/** `npm start` as a new user runs it: no DATABASE_URL, no REDIS_URL, a fresh data folder. */
function start(extra: NodeJS.ProcessEnv = {}): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STOREFRONT_PORT: String(storefrontPort),
    ...extra,
    PORT: String(port),
    KSTORE_PG_PORT: String(pgPort),
    KSTORE_DATA_DIR: dataDir,
    KSTORE_SEED_GAMES: extra.KSTORE_SEED_GAMES ?? "12",
  }
  for (const key of ["DATABASE_URL", "REDIS_URL", "TEST_TYPE", "NODE_ENV", "LOG_LEVEL", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD"]) {
    delete env[key]
  }
  let out = ""
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, detached: true })
  child.stdout!.on("data", (d) => (out += d))
  child.stderr!.on("data", (d) => (out += d))
  return { child, output: () => out }
}

async function waitFor(run: Run, text: string, ms: number) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (run.output().includes(text)) return
    if (run.child.exitCode !== null) throw new Error(`start exited early:\n${run.output().slice(-3000)}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no "${text}" within ${ms} ms:\n${run.output().slice(-3000)}`)
}

async function stop(run: Run) {
  if (run.child.exitCode !== null) return
  const exited = new Promise((r) => run.child.once("exit", r))
  process.kill(-run.child.pid!, "SIGTERM")
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))])
  if (run.child.exitCode === null) process.kill(-run.child.pid!, "SIGKILL")
}

async function json(pathname: string, init: RequestInit = {}) {
  const res = await fetch(`${url}${pathname}`, init)
  return { status: res.status, body: await res.json().catch(() => null) }
}

const portOpen = (p: number) =>
  new Promise<boolean>((resolve) => {
    const socket = require("net").connect(p, "127.0.0.1")
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })

describe("npm start on a machine without a database", () => {
  let run: Run | null = null
  afterEach(async () => {
    if (run) await stop(run)
    run = null
  })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it("boots embedded PostgreSQL, migrates, seeds, creates the admin and key, serves store and admin, and keeps data on restart", async () => {
    run = start()
    await waitFor(run, "kstore is running", 12 * 60_000)
    const out = run.output()
    expect(out).toContain("embedded PostgreSQL initialised and started")
    expect(out).toContain("seed: games 12/12")
    expect(out).toContain("admin@kstore.local / kstore-admin")
    const key = JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")).publishable_key
    expect(out).toContain(key)
    expect(fs.existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true)
    // TCP only: no socket (nor its lock file) in /tmp that another PostgreSQL on this port number holds.
    expect(fs.existsSync(`/tmp/.s.PGSQL.${pgPort}.lock`)).toBe(false)
    // npm start's backend logs at info: requests are not logged one by one.
    expect(out).not.toMatch(/"level":"http"|\bhttp: /)

    expect((await json("/health")).status).toBe(200)
    const games = await json("/store/games?limit=50", { headers: { "x-publishable-api-key": key } })
    expect(games.body.count).toBe(12)
    const login = await json("/auth/user/emailpass", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@kstore.local", password: "kstore-admin" }),
    })
    expect(login.status).toBe(200)
    const admin = { authorization: `Bearer ${login.body.token}`, "content-type": "application/json" }
    const created = await json("/admin/games", {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        title: "Kept Across Restarts",
        prices: [{ currency_code: "usd", amount: 5 }],
        genres: ["puzzle"],
        developer: "Dev",
        publisher: "Pub",
        release_at: "2025-05-05",
        platforms: ["linux"],
        service_countries: ["US"],
      }),
    })
    expect(created.status).toBe(201)
    // The storefront is up on its port, reading the backend's address and key the start wrote.
    expect(out).toContain(`Storefront       http://localhost:${storefrontPort}`)
    const shop = await fetch(`http://localhost:${storefrontPort}/us/games?q=Kept`)
    expect(shop.status).toBe(200)
    expect(await shop.text()).toContain("Kept Across Restarts")
    // The dashboard is the production build (no Vite dev server), and staff sign in with a session
    // cookie over plain http://localhost.
    const adminPage = await fetch(`${url}/app`)
    expect(adminPage.status).toBe(200)
    const adminHtml = await adminPage.text()
    expect(adminHtml).toContain("<div id=\"medusa\"")
    expect(adminHtml).not.toContain("@vite/client")
    expect(adminHtml).toMatch(/assets\/[\w.-]+\.js/)
    const session = await fetch(`${url}/auth/session`, { method: "POST", headers: { authorization: `Bearer ${login.body.token}` } })
    const cookie = session.headers.get("set-cookie") ?? ""
    expect(cookie).toContain("connect.sid=")
    expect(cookie.toLowerCase()).not.toContain("secure")
    expect((await json("/admin/users/me", { headers: { cookie: cookie.split(";")[0] } })).status).toBe(200)
    // Secrets not given in the environment are generated once into the data folder, owner-only.
    const secretsFile = path.join(dataDir, "secrets.json")
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600)
    for (const value of Object.values(JSON.parse(fs.readFileSync(secretsFile, "utf8")))) expect(value).toMatch(/^[0-9a-f]{64}$/)

    await stop(run)
    expect(await portOpen(pgPort)).toBe(false)

    run = start()
    await waitFor(run, "kstore is running", 5 * 60_000)
    expect(run.output()).toContain("embedded PostgreSQL started")
    // Nothing changed: no migrations, no seed, no builds on a later start.
    expect(run.output()).toContain("database up to date")
    expect(run.output()).not.toContain("seed:")
    expect(run.output()).not.toContain("building…")
    const again = await json("/store/games?limit=50", { headers: { "x-publishable-api-key": key } })
    expect(again.body.count).toBe(13)
    expect(again.body.games.map((g: any) => g.title)).toContain("Kept Across Restarts")
    // Same secrets after the restart: the token issued before it is still valid.
    expect((await json("/admin/users/me", { headers: admin })).status).toBe(200)
    await stop(run)

    // Another seed setting prepares the database again: migrations and the idempotent seed run.
    run = start({ KSTORE_SEED_GAMES: "13" })
    await waitFor(run, "kstore is running", 5 * 60_000)
    expect(run.output()).toContain("applying migrations")
    expect(run.output()).toContain("1 new of 13 games")
  })
})
