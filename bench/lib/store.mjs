// Starts a kstore of its own for a benchmark (embedded PostgreSQL in .data/<name>), or uses
// BACKEND_URL + PUBLISHABLE_KEY when given. Loopback only.
import { spawn } from "node:child_process"
import autocannon from "autocannon"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")

export async function startStore({ name, port, pgPort, games = "240", startTimeoutMs = 5 * 60_000 }) {
  if (process.env.BACKEND_URL && process.env.PUBLISHABLE_KEY) {
    return { url: process.env.BACKEND_URL, key: process.env.PUBLISHABLE_KEY, databaseUrl: process.env.DATABASE_URL, pid: null, stop() {} }
  }
  const dataDir = path.join(root, ".data", name)
  const server = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      KSTORE_DATA_DIR: dataDir,
      KSTORE_PG_PORT: String(pgPort),
      KSTORE_SEED_GAMES: games,
      ADMIN_DISABLED: "true",
      STOREFRONT_DISABLED: "true",
      DATABASE_URL: "",
      LOG_LEVEL: "error",
      // Measure the server as it runs in production (start.mjs defaults to development for the
      // admin dashboard, which the benchmarks turn off).
      NODE_ENV: "production",
      // One IP signs up and logs in every benchmark player: limits far above the production defaults.
      KSTORE_RATE_LIMIT_LOGIN_IP: process.env.KSTORE_RATE_LIMIT_LOGIN_IP || "100000/60",
      KSTORE_RATE_LIMIT_SIGNUP_IP: process.env.KSTORE_RATE_LIMIT_SIGNUP_IP || "100000/60",
    },
  })
  let out = ""
  server.stdout.on("data", (d) => (out = (out + d).slice(-20000)))
  server.stderr.on("data", (d) => (out = (out + d).slice(-20000)))
  const until = Date.now() + startTimeoutMs
  while (!out.includes("kstore is running")) {
    if (server.exitCode !== null || Date.now() > until) {
      // Not left running (and seeding) behind a benchmark that gave up on it.
      if (server.exitCode === null) process.kill(-server.pid, "SIGTERM")
      throw new Error(`store did not start:\n${out.slice(-2000)}`)
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return {
    url: `http://localhost:${port}`,
    key: JSON.parse(fs.readFileSync(path.join(dataDir, "store.json"), "utf8")).publishable_key,
    databaseUrl: `postgres://postgres:postgres@localhost:${pgPort}/kstore`,
    // Leader of the server's process group (start.mjs, the backend, the embedded PostgreSQL).
    pid: server.pid,
    stop() {
      if (server.exitCode === null) process.kill(-server.pid, "SIGTERM")
    },
  }
}

/**
 * A process and every descendant of it, from /proc: `fields` are /proc/<pid>/stat's fields from the
 * third (state) on, so ppid is fields[1] and utime..cstime fields[11..14]. PostgreSQL's backends run
 * in sessions of their own, so the process group alone would miss them.
 */
export function processTree(rootPid) {
  const procs = []
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
    } catch {
      continue
    }
    // The command name may hold spaces and parentheses: the fields after its last ")" are fixed.
    const end = stat.lastIndexOf(")")
    procs.push({ pid: Number(entry), comm: stat.slice(stat.indexOf("(") + 1, end), fields: stat.slice(end + 2).split(" ") })
  }
  const tree = new Set([rootPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const p of procs) if (!tree.has(p.pid) && tree.has(Number(p.fields[1]))) tree.add(p.pid), (grew = true)
  }
  return procs.filter((p) => tree.has(p.pid))
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** A JSON caller for a started store: the publishable key on every request; a non-2xx throws. */
export function storeClient(url, key) {
  const call = async (method, pathname, body, headers = {}) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: { "content-type": "application/json", "x-publishable-api-key": key, ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const data = await res.json().catch(() => null)
    if (!res.ok) throw new Error(`${method} ${pathname} -> ${res.status} ${JSON.stringify(data)}`)
    return data
  }
  /** Follows the email verification link mailed at sign-up, read as staff see the mail (`admin`: their auth header). */
  const followVerificationLink = async (email, admin) => {
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      const { notifications } = await call("GET", `/admin/notifications?channel=email&to=${encodeURIComponent(email)}`, undefined, admin)
      const mail = notifications.find((n) => n.template === "email-verification")
      if (mail) return call("GET", `/store/email-verifications/${new URL(mail.data.url).searchParams.get("token")}`)
    }
    throw new Error(`no verification mail for ${email}`)
  }
  return { call, followVerificationLink }
}

/**
 * autocannon against a started store, each request taken in turn from `requests` ({ path,
 * headers? }), so a run spreads over many queries or players rather than one cached answer.
 * Resolves to the row the benchmarks print: req/s, p50, p99 and errors (non-2xx and timeouts too).
 */
export function rotatingLoad({ url, key, requests, connections, seconds }) {
  let i = 0
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { "x-publishable-api-key": key },
        requests: [{ setupRequest: (req) => ({ ...req, ...requests[i++ % requests.length] }) }],
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts })
    )
  })
}

/** One line of a benchmark's table. */
export const benchLine = (name, row) =>
  `${name.padEnd(32)} ${row.rps.toFixed(1).padStart(8)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  errors ${row.errors}`
