import { execFileSync } from "child_process"
import path from "path"
import { pathToFileURL } from "url"
import { MIN_PRODUCTION_SECRET_LENGTH, MissingSecretsError, processSecret, resolveSecrets, SECRET_VARS } from "../secrets"

const HEX64 = /^[0-9a-f]{64}$/
const root = path.resolve(__dirname, "../..")
const strong = (c: string) => c.repeat(64)
const allSet = () => ({
  JWT_SECRET: strong("1"),
  COOKIE_SECRET: strong("2"),
  DOWNLOAD_SIGNING_SECRET: strong("3"),
  SANDBOX_WEBHOOK_SECRET: strong("4"),
})

function loadConfig(env: Record<string, string | undefined>) {
  const saved = { ...process.env }
  for (const name of SECRET_VARS) delete process.env[name]
  Object.assign(process.env, env)
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
  try {
    let config: any
    jest.isolateModules(() => {
      config = require("../../medusa-config")
    })
    return { config, env: { ...process.env } }
  } finally {
    process.env = saved
  }
}

describe("resolveSecrets (the backend's secrets)", () => {
  it("in production refuses to run without explicit secrets, naming every missing one", () => {
    const env = { NODE_ENV: "production", COOKIE_SECRET: strong("c") }
    let error: unknown
    try {
      resolveSecrets(env)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MissingSecretsError)
    expect((error as MissingSecretsError).missing).toEqual(["JWT_SECRET", "DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"])
    expect((error as Error).message).toContain("Missing: JWT_SECRET, DOWNLOAD_SIGNING_SECRET, SANDBOX_WEBHOOK_SECRET.")
    expect((error as Error).message).not.toContain("COOKIE_SECRET")
    // Nothing was filled in.
    expect(env).toEqual({ NODE_ENV: "production", COOKIE_SECRET: strong("c") })
    expect(() => resolveSecrets({ NODE_ENV: "production", ...allSet(), JWT_SECRET: "" })).toThrow(/Missing: JWT_SECRET\./)
  })

  it("in production refuses short secrets, naming them", () => {
    const env = { NODE_ENV: "production", ...allSet(), SANDBOX_WEBHOOK_SECRET: "x".repeat(MIN_PRODUCTION_SECRET_LENGTH - 1) }
    expect(() => resolveSecrets(env)).toThrow(/Shorter than 32 characters: SANDBOX_WEBHOOK_SECRET\./)
  })

  it("in production uses the explicit secrets as they are", () => {
    const env = { NODE_ENV: "production", ...allSet() }
    expect(resolveSecrets(env)).toEqual(allSet())
  })

  it.each(["test", "development", undefined])("with NODE_ENV=%s fills a missing secret with a random per-process value", (nodeEnv) => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: nodeEnv, JWT_SECRET: "explicit-wins" }
    const secrets = resolveSecrets(env)
    expect(secrets.JWT_SECRET).toBe("explicit-wins")
    for (const name of ["COOKIE_SECRET", "DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"] as const) {
      expect(secrets[name]).toMatch(HEX64)
      expect(secrets[name]).toBe(processSecret(name))
      // Written back, so the whole process (download links, webhooks) agrees on it.
      expect(env[name]).toBe(secrets[name])
    }
    expect(new Set(Object.values(secrets)).size).toBe(4)
    expect(resolveSecrets({ NODE_ENV: nodeEnv })).toEqual(resolveSecrets({ NODE_ENV: nodeEnv }))
  })

  it("differs in every process", () => {
    const code = `const { processSecret } = require(${JSON.stringify(path.join(root, "src/secrets.ts"))}); process.stdout.write(processSecret("JWT_SECRET"))`
    const run = () =>
      execFileSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), "-e", code], {
        cwd: root,
        encoding: "utf8",
      })
    const [a, b] = [run(), run()]
    expect(a).toMatch(HEX64)
    expect(b).toMatch(HEX64)
    expect(a).not.toBe(b)
    expect(a).not.toBe(processSecret("JWT_SECRET"))
  })

  it("names the same variables as scripts/secrets.mjs, which npm start generates", () => {
    const url = pathToFileURL(path.join(root, "scripts/secrets.mjs")).href
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `import { SECRET_VARS } from ${JSON.stringify(url)}; process.stdout.write(JSON.stringify(SECRET_VARS))`],
      { encoding: "utf8" }
    )
    expect(JSON.parse(out)).toEqual([...SECRET_VARS])
  })
})

describe("medusa-config.ts secrets", () => {
  it("refuses to load in production without them, naming the missing variables", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DOWNLOAD_SIGNING_SECRET: strong("d") })).toThrow(
      /NODE_ENV=production needs explicit secrets\. Missing: JWT_SECRET, COOKIE_SECRET, SANDBOX_WEBHOOK_SECRET\./
    )
  })

  it("runs on the explicit secrets in production", () => {
    const { config } = loadConfig({ NODE_ENV: "production", ...allSet() })
    expect(config.projectConfig.http.jwtSecret).toBe(allSet().JWT_SECRET)
    expect(config.projectConfig.http.cookieSecret).toBe(allSet().COOKIE_SECRET)
    const modules = Array.isArray(config.modules) ? config.modules : Object.values(config.modules)
    const payment = modules.find((m: any) => m.resolve === "@medusajs/medusa/payment")
    const sandbox = payment.options.providers.find((p: any) => p.id === "sandbox")
    expect(sandbox.options.webhook_secret).toBe(allSet().SANDBOX_WEBHOOK_SECRET)
  })

  it("in tests runs on random per-process secrets, never a literal", () => {
    const { config, env } = loadConfig({ NODE_ENV: "test" })
    const { jwtSecret, cookieSecret } = config.projectConfig.http
    expect(jwtSecret).toMatch(HEX64)
    expect(cookieSecret).toMatch(HEX64)
    expect(jwtSecret).not.toBe(cookieSecret)
    expect(jwtSecret).toBe(processSecret("JWT_SECRET"))
    expect(env.DOWNLOAD_SIGNING_SECRET).toBe(processSecret("DOWNLOAD_SIGNING_SECRET"))
    expect(env.SANDBOX_WEBHOOK_SECRET).toBe(processSecret("SANDBOX_WEBHOOK_SECRET"))
  })
})
