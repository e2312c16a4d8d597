import { randomBytes } from "crypto"

/**
 * Every secret kstore signs or verifies with (tokens and cookies, download links, sandbox
 * webhooks). Keep in step with SECRET_VARS in scripts/secrets.mjs, which `npm start` uses to
 * generate missing ones once into its data folder and pass them in the environment.
 */
export const SECRET_VARS = ["JWT_SECRET", "COOKIE_SECRET", "DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"] as const
export type SecretVar = (typeof SECRET_VARS)[number]

/** Shortest secret production accepts (a 32-byte value is 64 hex characters). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32

const STORE = Symbol.for("kstore.process-secrets")

/**
 * A random value for `name`, the same for the whole process (and different in every process):
 * the fallback when a secret is not configured outside production. Never a literal.
 */
export function processSecret(name: SecretVar): string {
  const g = globalThis as unknown as Record<symbol, Map<string, string> | undefined>
  const store = (g[STORE] ??= new Map<string, string>())
  let value = store.get(name)
  if (!value) {
    value = randomBytes(32).toString("hex")
    store.set(name, value)
  }
  return value
}

export class MissingSecretsError extends Error {
  constructor(readonly missing: string[], readonly weak: string[]) {
    super(
      [
        "kstore: NODE_ENV=production needs explicit secrets.",
        missing.length ? `Missing: ${missing.join(", ")}.` : "",
        weak.length ? `Shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters: ${weak.join(", ")}.` : "",
        "Set each to its own random value (e.g. `openssl rand -hex 32`; see .env.template),",
        "or start with `npm start`, which generates them once into its data folder.",
      ]
        .filter(Boolean)
        .join(" ")
    )
    this.name = "MissingSecretsError"
  }
}

/**
 * The secrets the backend runs with. In production every one must be set (and not short), else
 * this throws naming the variables. Elsewhere a missing one becomes processSecret(name). The
 * values are written back to `env`, so everything in the process (config, download links,
 * sandbox webhooks) agrees on them.
 */
export function resolveSecrets(env: NodeJS.ProcessEnv = process.env): Record<SecretVar, string> {
  const missing = SECRET_VARS.filter((name) => !env[name])
  if (env.NODE_ENV === "production") {
    const weak = SECRET_VARS.filter((name) => env[name] && env[name]!.length < MIN_PRODUCTION_SECRET_LENGTH)
    if (missing.length || weak.length) throw new MissingSecretsError(missing, weak)
  }
  for (const name of missing) env[name] = processSecret(name)
  return Object.fromEntries(SECRET_VARS.map((name) => [name, env[name]!])) as Record<SecretVar, string>
}
