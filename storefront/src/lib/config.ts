import fs from "node:fs"
import path from "node:path"

/**
 * Where the backend is and which publishable key to send, read on the server at request time
 * (never baked into the build):
 *   1. env: MEDUSA_BACKEND_URL, MEDUSA_PUBLISHABLE_KEY or NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY
 *   2. the JSON file the root start script writes, KSTORE_STOREFRONT_CONFIG or
 *      <repo>/<KSTORE_DATA_DIR|.data>/storefront.json: { backend_url, publishable_key }
 *   3. the key from <data dir>/store.json (written by the seed), the URL http://localhost:9000
 */
export type StoreConfig = { backendUrl: string; publishableKey: string | null; source: string }

const DEFAULT_BACKEND = "http://localhost:9000"
const TTL_MS = 5_000
let cached: { at: number; value: StoreConfig } | null = null

/** Read through a computed name so Next cannot inline NEXT_PUBLIC_* values at build time. */
function env(name: string): string | undefined {
  const value = process.env[name]
  return value && value.trim() ? value.trim() : undefined
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const data = JSON.parse(fs.readFileSync(file, "utf8"))
    return data && typeof data === "object" ? data : null
  } catch {
    return null
  }
}

/** The monorepo root: the nearest folder above the working directory whose package.json lists the storefront workspace. */
function repoRoot(): string {
  let dir = process.cwd()
  for (let i = 0; i < 4; i++) {
    const pkg = readJson(path.join(/*turbopackIgnore: true*/ dir, "package.json"))
    if (Array.isArray(pkg?.workspaces) && (pkg.workspaces as unknown[]).includes("storefront")) return dir
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return path.basename(process.cwd()) === "storefront" ? path.dirname(process.cwd()) : process.cwd()
}

function load(): StoreConfig {
  const root = repoRoot()
  const dataDir = path.resolve(/*turbopackIgnore: true*/ root, env("KSTORE_DATA_DIR") ?? ".data")
  const file = env("KSTORE_STOREFRONT_CONFIG")
    ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), env("KSTORE_STOREFRONT_CONFIG")!)
    : path.join(/*turbopackIgnore: true*/ dataDir, "storefront.json")
  const json = readJson(file)
  const fromFile = (key: string) => (typeof json?.[key] === "string" && json[key] ? String(json[key]) : undefined)
  const store = readJson(path.join(/*turbopackIgnore: true*/ dataDir, "store.json"))

  const backendUrl = env("MEDUSA_BACKEND_URL") ?? fromFile("backend_url") ?? DEFAULT_BACKEND
  const publishableKey =
    env("MEDUSA_PUBLISHABLE_KEY") ??
    env("NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY") ??
    fromFile("publishable_key") ??
    (typeof store?.publishable_key === "string" ? store.publishable_key : undefined) ??
    null
  const source = env("MEDUSA_BACKEND_URL") ? "env" : json ? file : "default"
  return { backendUrl: backendUrl.replace(/\/+$/, ""), publishableKey, source }
}

/** Cached a few seconds, so a restarted backend with a new key is picked up without a restart. */
export function getStoreConfig(): StoreConfig {
  if (!cached || Date.now() - cached.at > TTL_MS) cached = { at: Date.now(), value: load() }
  return cached.value
}
