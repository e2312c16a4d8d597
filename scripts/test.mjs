// `npm test`: unit tests, module and HTTP integration tests against a real PostgreSQL, the
// start-script test, and the browser tests (Chromium on the real store). Database: DATABASE_URL,
// else localhost:5432, else an embedded PostgreSQL.
import { spawn, spawnSync } from "node:child_process"
import net from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { canConnect, startEmbeddedPostgres } from "./lib/embedded-db.mjs"
import { buildStorefront, hasStorefront, storefrontDir } from "./lib/builds.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const env = { ...process.env }
const log = (line) => console.log(`[test] ${line}`)

/** Whether a Redis answers PING at `url`, for the Redis-engine variant of the saga tests. */
function redisAnswers(url) {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url)
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.on("error", () => done(false))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (d) => done(d.toString().startsWith("+PONG")))
  })
}

async function database() {
  const explicit = env.DATABASE_URL
  if (explicit) return { url: new URL(explicit), source: "DATABASE_URL" }
  const local = "postgres://postgres@localhost:5432/postgres"
  if (env.KSTORE_TEST_DB !== "embedded" && (await canConnect(local))) return { url: new URL(local), source: "local PostgreSQL on 5432" }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data", "test"),
    port: Number(env.KSTORE_TEST_PG_PORT || 54339),
    database: "postgres",
    log,
  })
  return { url: new URL(embedded.url), source: "embedded PostgreSQL", stop: embedded.stop }
}

const suites = (process.argv[2] ? process.argv[2].split(",") : ["unit", "integration:modules", "integration:http", "integration:start", "integration:browser"])

/**
 * Jest processes per group. Every HTTP spec boots a Medusa app in the one process that runs the
 * group, and not all of an app is freed after its spec: the HTTP specs run in two halves (jest
 * --shard), each in a process of its own, so the heap stays well under Node's limit.
 */
const SHARDS = { "integration:http": 2 }

/** Runs one jest group (or one shard of it), streaming its output and keeping the tail to read the summary from. */
function runJest(type, extra = []) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--experimental-vm-modules", "--max-old-space-size=6144", path.join(root, "node_modules", "jest", "bin", "jest.js"), "--runInBand", "--forceExit", ...extra],
      { cwd: root, env: { LOG_LEVEL: "error", ...env, TEST_TYPE: type }, stdio: ["inherit", "pipe", "pipe"] }
    )
    let tail = ""
    const keep = (chunk, stream) => {
      stream.write(chunk)
      tail = (tail + chunk.toString()).slice(-20000)
    }
    child.stdout.on("data", (c) => keep(c, process.stdout))
    child.stderr.on("data", (c) => keep(c, process.stderr))
    child.on("close", (code) => resolve({ code, output: tail }))
  })
}

async function main() {
  const db = await database()
  // The integration runner enables SSL unless the host is literally "localhost".
  const host = ["127.0.0.1", "::1"].includes(db.url.hostname) ? "localhost" : db.url.hostname
  Object.assign(env, {
    DB_HOST: host,
    DB_PORT: db.url.port || "5432",
    DB_USERNAME: decodeURIComponent(db.url.username || "postgres"),
    DB_PASSWORD: decodeURIComponent(db.url.password || ""),
    TEST_DATABASE_URL: `postgres://${db.url.username || "postgres"}${db.url.password ? `:${db.url.password}` : ""}@${host}:${db.url.port || 5432}`,
  })
  delete env.DATABASE_URL
  log(`database: ${db.source} (${host}:${env.DB_PORT})`)
  const redis = env.REDIS_URL || "redis://127.0.0.1:6379"
  if (await redisAnswers(redis)) env.KSTORE_TEST_REDIS_URL = redis
  // The app under test uses in-process defaults unless a test opts into Redis itself.
  delete env.REDIS_URL
  log(env.KSTORE_TEST_REDIS_URL ? `redis: ${redis} (saga faults also run on the Redis engine)` : "redis: none (Redis-engine saga tests skipped)")

  if (!process.argv[2]) {
    log("── typecheck (tsc --noEmit)")
    const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"], {
      cwd: root,
      stdio: "inherit",
    })
    // The admin extensions (widgets, pages) have their own tsconfig (DOM, bundler resolution).
    const admin = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "src/admin/tsconfig.json"], {
      cwd: root,
      stdio: "inherit",
    })
    if (tsc.status !== 0 || admin.status !== 0) {
      console.log("\n0 passed, 1 failed")
      process.exit(1)
    }
  }
  // The storefront's production build (reused when its sources have not changed) and its types,
  // which `next build` generates for its routes first.
  if ((!process.argv[2] || suites.includes("storefront")) && hasStorefront()) {
    log("── storefront (next build, tsc --noEmit)")
    const ok = await buildStorefront({ env, log })
      .then(() => true)
      .catch((e) => (console.error(e.message), false))
    const types = ok && spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"], { cwd: storefrontDir, stdio: "inherit" })
    if (!ok || types.status !== 0) {
      console.log("\n0 passed, 1 failed")
      process.exit(1)
    }
  }
  let passed = 0
  let failed = 0
  let failedSuites = 0
  for (const type of suites.filter((t) => t !== "storefront")) {
    const shards = SHARDS[type] ?? 1
    for (let shard = 1; shard <= shards; shard++) {
      log(`── ${type}${shards > 1 ? ` (part ${shard} of ${shards})` : ""}`)
      const { code, output } = await runJest(type, shards > 1 ? [`--shard=${shard}/${shards}`] : [])
      // Jest's own summary line; its --json report cannot serialize some failures (circular errors).
      const summary = output.match(/^Tests:\s+(.*)$/m)?.[1] ?? ""
      const count = (word) => Number(summary.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
      passed += count("passed")
      failed += count("failed")
      if (code !== 0 || !summary) failedSuites++
    }
  }
  if (db.stop) await db.stop().catch(() => {})
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(failed || failedSuites ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
