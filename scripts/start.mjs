// `npm start`: database (embedded unless DATABASE_URL), migrations, idempotent seed, admin user,
// publishable key, then the backend with its admin dashboard and the storefront, all production
// builds (each built once and reused until its sources change). Prints the URLs and the admin login.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import crypto from "node:crypto"
import { sourceHash } from "./lib/build-cache.mjs"
import { buildAdmin, buildStorefront, hasStorefront, nextBin, runCommand, storefrontDir } from "./lib/builds.mjs"
import { databaseIdentity, startEmbeddedPostgres } from "./lib/embedded-db.mjs"
import { loadOrCreateSecrets } from "./secrets.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
// Settings from .env (see .env.template); variables already in the environment win.
if (fs.existsSync(path.join(root, ".env"))) {
  const fromFile = { ...process.env }
  process.loadEnvFile(path.join(root, ".env"))
  Object.assign(process.env, fromFile)
}
const env = { ...process.env }
const dataDir = path.resolve(root, env.KSTORE_DATA_DIR || ".data")
const port = Number(env.PORT || 9000)
const adminEmail = env.KSTORE_ADMIN_EMAIL || "admin@kstore.local"
const adminPassword = env.KSTORE_ADMIN_PASSWORD || "kstore-admin"
const storefrontPort = Number(env.STOREFRONT_PORT || 8000)
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const withStorefront = hasStorefront() && env.STOREFRONT_DISABLED !== "true"
const withAdmin = env.ADMIN_DISABLED !== "true"
// Production builds unless the caller asks otherwise (NODE_ENV=development serves the admin from
// source through Vite, which holds about 1 GB more memory).
const nodeEnv = env.NODE_ENV || "production"
const log = (line) => console.log(`[kstore] ${line}`)

let embedded = null
let server = null
let storefront = null
let stopping = false

const stopChild = (child) =>
  child && child.exitCode === null
    ? new Promise((r) => {
        child.kill("SIGTERM")
        const t = setTimeout(() => (child.kill("SIGKILL"), r()), 10_000)
        child.once("exit", () => (clearTimeout(t), r()))
      })
    : Promise.resolve()

async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  await Promise.all([stopChild(storefront), stopChild(server)])
  if (embedded) await embedded.stop().catch(() => {})
  process.exit(code)
}
process.on("SIGINT", () => shutdown(0))
process.on("SIGTERM", () => shutdown(0))

const run = (args, extraEnv = {}) => runCommand(medusaBin, args, { env: { ...env, ...extraEnv } })

/**
 * Migrations and the idempotent seed, skipped when this very database (PostgreSQL's own identity
 * of it) was prepared by the same migrations, links, seed and seed settings: a later start then
 * goes straight to the backend. Anything changed, or another database, prepares it again.
 */
async function prepareDatabase() {
  const stampFile = path.join(dataDir, "prepared.json")
  const storeFile = path.join(dataDir, "store.json")
  const seedSettings = [env.KSTORE_SEED_GAMES || "", adminEmail, crypto.createHash("sha256").update(adminPassword).digest("hex")].join("\0")
  const stamp = {
    database: await databaseIdentity(env.DATABASE_URL),
    sources: sourceHash(root, ["src/modules", "src/links", "src/scripts", "medusa-config.ts", "package-lock.json"]),
    seed: crypto.createHash("sha256").update(seedSettings).digest("hex"),
  }
  const previous = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, "utf8")) : null
  if (fs.existsSync(storeFile) && previous && Object.keys(stamp).every((k) => previous[k] === stamp[k])) {
    log("database up to date: migrations and seed unchanged since the last start")
    return
  }
  fs.rmSync(stampFile, { force: true })
  log("applying migrations…")
  await run(["db:migrate"])
  log("seeding (idempotent)…")
  await run(["exec", "./src/scripts/seed.ts"], {
    KSTORE_ADMIN_EMAIL: adminEmail,
    KSTORE_ADMIN_PASSWORD: adminPassword,
  })
  fs.writeFileSync(stampFile, JSON.stringify(stamp, null, 2) + "\n")
}

async function waitHealthy(url, ms) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`backend exited with ${server.exitCode}`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`backend not healthy after ${ms / 1000} s`)
}

async function main() {
  const t0 = Date.now()
  fs.mkdirSync(dataDir, { recursive: true })
  // JWT_SECRET, COOKIE_SECRET, DOWNLOAD_SIGNING_SECRET, SANDBOX_WEBHOOK_SECRET: explicit values win,
  // missing ones are generated once into the data folder and reused, for every medusa command below.
  const secrets = loadOrCreateSecrets({ dataDir, env })
  Object.assign(env, secrets.values)
  if (secrets.generated.length) log(`generated ${secrets.generated.join(", ")} into ${secrets.file}`)
  const stored = Object.keys(secrets.values).filter((name) => !process.env[name])
  if (stored.length && env.NODE_ENV === "production") {
    log(`NODE_ENV=production with ${stored.join(", ")} from ${secrets.file}; set them explicitly for a real deployment`)
  }
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: Number(env.KSTORE_PG_PORT || 54329),
      database: "kstore",
      log,
    })
    env.DATABASE_URL = embedded.url
  } else {
    log("using DATABASE_URL")
  }
  env.KSTORE_DATA_DIR = dataDir
  // The builds run beside the database work; each is skipped when its sources have not changed.
  const production = nodeEnv === "production" && env.KSTORE_PREPARE_ONLY !== "true"
  // The backend waits only for the admin's; the storefront's may finish while the backend boots.
  const adminBuild = production && withAdmin ? buildAdmin({ env, log }) : Promise.resolve()
  const storefrontBuild = production && withStorefront ? buildStorefront({ env, log }) : Promise.resolve()
  adminBuild.catch(() => {})
  storefrontBuild.catch(() => {})
  await prepareDatabase()
  await adminBuild
  if (env.KSTORE_PREPARE_ONLY === "true") {
    log(`prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    return shutdown(0)
  }
  log("starting the backend…")
  server = spawn(medusaBin, ["start", "--port", String(port)], {
    cwd: root,
    // Plain http on this machine: see KSTORE_LOCAL_HTTP in medusa-config.ts. Mailed links go to the
    // storefront started here (its port may not be the default 8000) unless the caller names one.
    env: {
      KSTORE_LOCAL_HTTP: "true",
      // Medusa logs every request at its default level (http); a store left running wants less.
      LOG_LEVEL: "info",
      ...(withStorefront && !env.STORE_CORS ? { KSTORE_STOREFRONT_URL: `http://localhost:${storefrontPort}` } : {}),
      ...env,
      NODE_ENV: nodeEnv,
    },
    stdio: "inherit",
  })
  server.on("exit", (code) => {
    if (!stopping) {
      log(`backend exited with ${code}`)
      shutdown(code ?? 1)
    }
  })
  const url = `http://localhost:${port}`
  await waitHealthy(url, 180_000)
  const state = JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8"))
  const storefrontUrl = `http://localhost:${storefrontPort}`
  if (withStorefront) {
    await storefrontBuild
    await startStorefront(url, state.publishable_key, storefrontUrl)
  }
  console.log(
    [
      "",
      "──────────────────────────────────────────────────────────────",
      ` kstore is running (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      ...(withStorefront ? [`  Storefront       ${storefrontUrl}`] : []),
      `  Store API        ${url}/store/games`,
      ...(withAdmin ? [`  Admin dashboard  ${url}/app`] : []),
      `  Admin login      ${adminEmail} / ${adminPassword}`,
      `  Publishable key  ${state.publishable_key}`,
      `  Database         ${embedded ? `embedded PostgreSQL (${path.join(dataDir, "pg")})` : "DATABASE_URL"}`,
      `  Event bus/cache  ${env.REDIS_URL ? "Redis" : "in-memory"}`,
      "  Stop with Ctrl+C",
      "──────────────────────────────────────────────────────────────",
      "",
    ].join("\n")
  )
}

/**
 * The storefront reads the backend's address and publishable key from a file written here at each
 * start (never baked into its build), then serves its production build.
 */
async function startStorefront(backendUrl, publishableKey, storefrontUrl) {
  const config = path.join(dataDir, "storefront.json")
  fs.writeFileSync(config, JSON.stringify({ backend_url: backendUrl, publishable_key: publishableKey }, null, 2) + "\n")
  log("starting the storefront…")
  const sfEnv = { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", KSTORE_STOREFRONT_CONFIG: config, PORT: String(storefrontPort) }
  const args = nodeEnv === "production" ? [nextBin(), "start", "-p", String(storefrontPort)] : [nextBin(), "dev", "-p", String(storefrontPort)]
  storefront = spawn(process.execPath, args, { cwd: storefrontDir, env: nodeEnv === "production" ? sfEnv : { ...sfEnv, NODE_ENV: "development" }, stdio: "inherit" })
  storefront.on("exit", (code) => {
    if (!stopping) {
      log(`storefront exited with ${code}`)
      shutdown(code ?? 1)
    }
  })
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 300))) {
    if (storefront.exitCode !== null) throw new Error(`storefront exited with ${storefront.exitCode}`)
    try {
      const res = await fetch(storefrontUrl, { redirect: "manual" })
      if (res.status < 500) return
    } catch {}
  }
  throw new Error("storefront did not answer within 60 s")
}

main().catch((err) => {
  console.error(`[kstore] start failed: ${err?.message ?? err}`)
  shutdown(1)
})
