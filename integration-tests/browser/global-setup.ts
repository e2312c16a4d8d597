import { spawn } from "child_process"
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"
import { Client } from "pg"
import { BROWSER_STATE_ENV, CHROMIUM_PATH, OUTPUT_DIR, type BrowserState } from "./state"

/**
 * The browser group's one server, for every spec file under integration-tests/browser: a fresh
 * database on the test PostgreSQL (TEST_DATABASE_URL), `scripts/start.mjs` on it with its own
 * ports and data folder (backend and storefront production builds, no admin dashboard), an admin
 * token. What the specs need is written to a JSON file named by KSTORE_BROWSER_STATE; the specs
 * launch Chromium themselves (harness.ts). global-teardown.ts kills the server's process group and
 * drops the database, also when tests fail; a setup that fails part-way cleans up here.
 */
const root = path.resolve(__dirname, "../..")
const READY_MS = 15 * 60_000 // a first start may build the storefront (minutes on two cores)
const ADMIN = { email: "admin@kstore.local", password: "kstore-admin" }

export type Server = {
  pid: number
  exited: Promise<unknown>
  exitCode: () => number | null
  output: () => string
  databaseUrl: string
  adminDatabaseUrl: string
  dbName: string
  dataDir: string
  artifactsDir: string
  stateFile: string
}

declare global {
  // Shared by global-setup and global-teardown (the same process, the same global).
  // eslint-disable-next-line no-var
  var __kstoreBrowserServer: Server | undefined
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** Stops the server's whole process group (start.mjs, medusa, next): SIGTERM, then SIGKILL. */
export async function stopServer(server: Server | undefined) {
  if (!server) return
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-server.pid, s)
      return true
    } catch {
      return false // ESRCH: the group is gone
    }
  }
  if (server.exitCode() === null && signal("SIGTERM")) {
    await Promise.race([server.exited, sleep(15_000)])
  }
  // Whatever of the group is still there (a child outliving start.mjs included).
  signal("SIGKILL")
  await Promise.race([server.exited, sleep(5_000)])
}

export async function dropDatabase(server: Server | undefined) {
  if (!server || process.env.KSTORE_KEEP_BROWSER_DB) return
  const admin = new Client({ connectionString: server.adminDatabaseUrl, connectionTimeoutMillis: 10_000 })
  try {
    await admin.connect()
    await admin.query(`drop database if exists ${server.dbName} with (force)`)
  } catch (e) {
    console.warn(`[browser] could not drop ${server.dbName}: ${(e as Error).message}`)
  } finally {
    await admin.end().catch(() => {})
  }
}

/** The temporary folders: the data folder and state always, the artifacts unless a test left a screenshot. */
export function removeFolders(server: Server | undefined) {
  if (!server) return
  fs.rmSync(server.dataDir, { recursive: true, force: true })
  fs.rmSync(path.dirname(server.stateFile), { recursive: true, force: true })
  const shots = fs.existsSync(server.artifactsDir) ? fs.readdirSync(server.artifactsDir).filter((f) => f.endsWith(".png")) : []
  if (shots.length) console.warn(`[browser] screenshots of failed tests and the server log: ${server.artifactsDir}`)
  else fs.rmSync(server.artifactsDir, { recursive: true, force: true })
}

export default async function globalSetup() {
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kstore-browser-state-")), "state.json")
  process.env[BROWSER_STATE_ENV] = stateFile

  if (!fs.existsSync(CHROMIUM_PATH)) {
    const reason = `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) to run the browser tests`
    // On CI the browser tests are required: there a missing Chromium fails the group.
    if (process.env.CI) throw new Error(`[browser] ${reason}`)
    console.warn(`\n[browser] SKIPPING the browser tests: ${reason}\n`)
    fs.writeFileSync(stateFile, JSON.stringify({ skip: reason } satisfies Partial<BrowserState>))
    return
  }

  // Last run's page pictures would pass for this run's.
  fs.rmSync(OUTPUT_DIR, { recursive: true, force: true })
  const artifactsDir = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-browser-artifacts-"))
  const base = (process.env.TEST_DATABASE_URL ?? "postgres://postgres@localhost:5432").replace(/\/+$/, "")
  const dbName = `kstore_browser_${Math.random().toString(36).slice(2, 10)}`
  const adminDatabaseUrl = `${base}/postgres`
  const databaseUrl = `${base}/${dbName}`
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-browser-"))
  const [port, storefrontPort] = [await freePort(), await freePort()]

  const admin = new Client({ connectionString: adminDatabaseUrl, connectionTimeoutMillis: 10_000 })
  await admin.connect()
  try {
    await admin.query(`create database ${dbName}`)
  } finally {
    await admin.end()
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    STOREFRONT_PORT: String(storefrontPort),
    DATABASE_URL: databaseUrl,
    KSTORE_DATA_DIR: dataDir,
    KSTORE_SEED_GAMES: "24",
    KSTORE_ADMIN_EMAIL: ADMIN.email,
    KSTORE_ADMIN_PASSWORD: ADMIN.password,
    ADMIN_DISABLED: "true",
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    // As integration-tests/setup.js sets for the other groups (it runs in the specs, not here):
    // the test payment providers, and sign-up / login limits for many players from 127.0.0.1.
    KSTORE_TEST_PROVIDERS: "true",
  }
  for (const name of ["LOGIN_IP", "LOGIN_ACCOUNT", "SIGNUP_IP", "SIGNUP_ACCOUNT"]) env[`KSTORE_RATE_LIMIT_${name}`] ??= "100000/60"
  for (const key of ["REDIS_URL", "TEST_TYPE", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "STOREFRONT_DISABLED", "STOREFRONT_URL", "KSTORE_TEST_FAULTS"]) {
    delete env[key]
  }

  const log = fs.createWriteStream(path.join(artifactsDir, "server.log"))
  const launch = (): Server => {
    let out = ""
    const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
      cwd: root,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    const keep = (d: Buffer) => {
      log.write(d)
      out = (out + d).slice(-50_000)
    }
    child.stdout!.on("data", keep)
    child.stderr!.on("data", keep)
    const server: Server = {
      pid: child.pid!,
      exited: new Promise((r) => child.once("exit", r)),
      exitCode: () => child.exitCode ?? (child.signalCode ? 128 : null),
      output: () => out,
      databaseUrl,
      adminDatabaseUrl,
      dbName,
      dataDir,
      artifactsDir,
      stateFile,
    }
    globalThis.__kstoreBrowserServer = server
    return server
  }
  const running = async (server: Server) => {
    for (const t0 = Date.now(); !server.output().includes("kstore is running"); await sleep(500)) {
      if (server.exitCode() !== null) throw new Error(`scripts/start.mjs exited early:\n${server.output().slice(-4000)}`)
      if (Date.now() - t0 > READY_MS) throw new Error(`no "kstore is running" within ${READY_MS / 1000} s:\n${server.output().slice(-4000)}`)
    }
  }
  // Last resort if jest dies without its teardown (an error, Ctrl+C): no server left behind.
  const killGroup = () => {
    try {
      if (globalThis.__kstoreBrowserServer) process.kill(-globalThis.__kstoreBrowserServer.pid, "SIGKILL")
    } catch {}
  }
  process.once("exit", killGroup)
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killGroup()
      process.exit(130)
    })
  }

  const t0 = Date.now()
  let server = launch()
  try {
    // storefront/.next is shared with whoever else builds or starts the storefront in this
    // checkout: their `next build` can hold the build lock or replace our build between our build
    // and our `next start`. Up to two more starts then (the database is prepared after the first).
    for (let attempt = 1; ; attempt++) {
      try {
        await running(server)
        break
      } catch (e) {
        const shared = /Another next build process is already running|Could not find a production build|storefront exited|storefront did not answer|ENOENT[^\n]*\.next/
        if (attempt >= 3 || !shared.test(server.output())) throw e
        console.warn(`[browser] the storefront's build or start failed, as when another build runs in storefront/.next; starting again in 30 s:\n${server.output().slice(-800)}`)
        await stopServer(server)
        await sleep(30_000)
        log.write(`\n[browser] ── start ${attempt + 1} ──\n`)
        server = launch()
      }
    }
    const out = server.output()
    const backendUrl = `http://localhost:${port}`
    const storefrontUrl = `http://localhost:${storefrontPort}`
    if (!out.includes(`Storefront       ${storefrontUrl}`)) throw new Error(`the storefront did not start:\n${out.slice(-4000)}`)
    const publishableKey = JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")).publishable_key as string
    const login = await fetch(`${backendUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
      signal: AbortSignal.timeout(15_000),
    })
    if (!login.ok) throw new Error(`admin login → ${login.status} ${await login.text()}`)
    const adminToken = ((await login.json()) as { token: string }).token
    const state: BrowserState = {
      backendUrl,
      storefrontUrl,
      publishableKey,
      adminToken,
      artifactsDir,
      serverLog: path.join(artifactsDir, "server.log"),
      chromium: CHROMIUM_PATH,
    }
    fs.writeFileSync(stateFile, JSON.stringify(state, null, 2))
    console.log(`\n[browser] kstore up in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${storefrontUrl} (backend ${backendUrl}, database ${dbName}); log ${state.serverLog}`)
  } catch (e) {
    await stopServer(server)
    await dropDatabase(server)
    // The server log stays for the error above.
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(path.dirname(stateFile), { recursive: true, force: true })
    ;(e as Error).message += `\n[browser] server log: ${path.join(artifactsDir, "server.log")}`
    globalThis.__kstoreBrowserServer = undefined
    throw e
  }
}
