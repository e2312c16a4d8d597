// `npm start`: database (embedded unless DATABASE_URL), migrations, idempotent seed, admin user,
// publishable key, then the backend with its admin dashboard. Prints the URLs and the admin login.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startEmbeddedPostgres } from "./lib/embedded-db.mjs"
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
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const log = (line) => console.log(`[kstore] ${line}`)

let embedded = null
let server = null
let stopping = false

async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  if (server && server.exitCode === null) {
    server.kill("SIGTERM")
    await new Promise((r) => {
      const t = setTimeout(() => (server.kill("SIGKILL"), r()), 10_000)
      server.once("exit", () => (clearTimeout(t), r()))
    })
  }
  if (embedded) await embedded.stop().catch(() => {})
  process.exit(code)
}
process.on("SIGINT", () => shutdown(0))
process.on("SIGTERM", () => shutdown(0))

function run(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" })
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} exited with ${code}`))
    )
  })
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
  log("applying migrations…")
  await run(["db:migrate"])
  log("seeding (idempotent)…")
  await run(["exec", "./src/scripts/seed.ts"], {
    KSTORE_ADMIN_EMAIL: adminEmail,
    KSTORE_ADMIN_PASSWORD: adminPassword,
  })
  if (env.KSTORE_PREPARE_ONLY === "true") {
    log(`prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    return shutdown(0)
  }
  log("starting the backend…")
  // development NODE_ENV serves the admin dashboard from source: no build step on first start.
  server = spawn(medusaBin, ["start", "--port", String(port)], {
    cwd: root,
    env: { NODE_ENV: "development", ...env },
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
  console.log(
    [
      "",
      "──────────────────────────────────────────────────────────────",
      ` kstore is running (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      `  Store API        ${url}/store/games`,
      `  Admin dashboard  ${url}/app`,
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

main().catch((err) => {
  console.error(`[kstore] start failed: ${err.message}`)
  shutdown(1)
})
