// The secrets `npm start` runs the backend with. A variable set in the environment (or .env) always
// wins; a missing one is generated once (32 random bytes, hex) into <data folder>/secrets.json
// (mode 0600, never in the repository) and reused on every later start, so tokens, sessions and
// download links stay valid across restarts. The backend itself (medusa-config.ts, src/secrets.ts)
// never falls back to a literal: outside production a missing secret is random per process, and in
// production it refuses to start.
import { randomBytes } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

/** Every secret kstore signs or verifies with; keep in step with SECRET_VARS in src/secrets.ts. */
export const SECRET_VARS = ["JWT_SECRET", "COOKIE_SECRET", "DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"]
export const SECRETS_FILE = "secrets.json"

export const generateSecret = () => randomBytes(32).toString("hex")

function readStored(file) {
  let text
  try {
    text = fs.readFileSync(file, "utf8")
  } catch (err) {
    if (err.code === "ENOENT") return null
    throw err
  }
  let stored
  try {
    stored = JSON.parse(text)
  } catch {
    throw new Error(`${file} is not valid JSON; fix it, or delete it to generate new secrets (signs everyone out)`)
  }
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) throw new Error(`${file} must hold a JSON object`)
  return stored
}

/** Writes `values` next to `file` with mode 0600, then moves it into place (never a half-written file). */
function writeStored(file, values, { replace }) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  fs.writeFileSync(tmp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600, flag: "wx" })
  fs.chmodSync(tmp, 0o600)
  try {
    if (replace) fs.renameSync(tmp, file)
    else fs.linkSync(tmp, file) // fails with EEXIST when another start created the file meanwhile
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** A data folder inside the repository other than .data (which .gitignore covers) ignores itself. */
function keepOutOfGit(dataDir) {
  const rel = path.relative(root, dataDir)
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return
  const ignore = path.join(dataDir, ".gitignore")
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, "*\n")
}

/**
 * The value of every SECRET_VARS entry: from `env` when set there, else from <dataDir>/secrets.json,
 * else newly generated and stored there. Returns { values, generated, file }: `generated` lists the
 * variables created by this call. Does not change `env`.
 */
export function loadOrCreateSecrets({ dataDir, env = process.env }) {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, SECRETS_FILE)
  for (let attempt = 0; ; attempt++) {
    const stored = readStored(file)
    if (stored) {
      // Tighten a file someone copied or created with looser permissions.
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600)
    }
    const kept = { ...(stored ?? {}) }
    const generated = []
    for (const name of SECRET_VARS) {
      if (env[name]) continue
      if (typeof kept[name] === "string" && kept[name]) continue
      kept[name] = generateSecret()
      generated.push(name)
    }
    if (generated.length) {
      keepOutOfGit(dataDir)
      try {
        writeStored(file, kept, { replace: stored !== null })
      } catch (err) {
        if (err.code === "EEXIST" && attempt === 0) continue // another start won the race: use its file
        throw err
      }
    }
    const values = Object.fromEntries(SECRET_VARS.map((name) => [name, env[name] || kept[name]]))
    return { values, generated, file }
  }
}
