import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { pathToFileURL } from "url"

// scripts/secrets.mjs is an ES module run by plain Node (start.mjs); jest here compiles to CommonJS,
// so each call runs in a real `node` process, as start.mjs would run it.
const root = path.resolve(__dirname, "../..")
const moduleUrl = pathToFileURL(path.join(root, "scripts/secrets.mjs")).href
const HEX64 = /^[0-9a-f]{64}$/
const NAMES = ["JWT_SECRET", "COOKIE_SECRET", "DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"]

type Result = { values: Record<string, string>; generated: string[]; file: string }

function load(dataDir: string, env: Record<string, string> = {}): Result {
  const code = `
    import { loadOrCreateSecrets } from ${JSON.stringify(moduleUrl)}
    try {
      const r = loadOrCreateSecrets({ dataDir: process.env.T_DIR, env: JSON.parse(process.env.T_ENV) })
      process.stdout.write(JSON.stringify(r))
    } catch (err) {
      process.stdout.write(JSON.stringify({ error: err.message }))
    }`
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    env: { PATH: process.env.PATH, T_DIR: dataDir, T_ENV: JSON.stringify(env) },
    encoding: "utf8",
  })
  const parsed = JSON.parse(out)
  if (parsed.error) throw new Error(parsed.error)
  return parsed
}

const mode = (file: string) => fs.statSync(file).mode & 0o777

describe("scripts/secrets.mjs (the secrets of npm start)", () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-secrets-"))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("generates four distinct 64-hex secrets once into <data>/secrets.json with mode 0600", () => {
    const first = load(dir)
    expect(first.file).toBe(path.join(dir, "secrets.json"))
    expect(first.generated).toEqual(NAMES)
    expect(Object.keys(first.values)).toEqual(NAMES)
    for (const name of NAMES) expect(first.values[name]).toMatch(HEX64)
    expect(new Set(Object.values(first.values)).size).toBe(NAMES.length)
    expect(mode(first.file)).toBe(0o600)
    expect(JSON.parse(fs.readFileSync(first.file, "utf8"))).toEqual(first.values)
    // No temporary files left behind; a data folder outside the repository gets no .gitignore.
    expect(fs.readdirSync(dir)).toEqual(["secrets.json"])
  })

  it("reuses the stored secrets on every later call", () => {
    const first = load(dir)
    const second = load(dir)
    expect(second.generated).toEqual([])
    expect(second.values).toEqual(first.values)
    expect(load(dir).values).toEqual(first.values)
  })

  it("lets an explicit environment variable win, without storing it", () => {
    const stored = load(dir)
    const explicit = "e".repeat(64)
    const withEnv = load(dir, { JWT_SECRET: explicit })
    expect(withEnv.values.JWT_SECRET).toBe(explicit)
    expect(withEnv.values.COOKIE_SECRET).toBe(stored.values.COOKIE_SECRET)
    expect(fs.readFileSync(stored.file, "utf8")).not.toContain(explicit)

    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "kstore-secrets-"))
    try {
      const all = Object.fromEntries(NAMES.map((n, i) => [n, String(i).repeat(40)]))
      const r = load(fresh, all)
      expect(r.values).toEqual(all)
      expect(r.generated).toEqual([])
      expect(fs.existsSync(path.join(fresh, "secrets.json"))).toBe(false)
      // Only the missing ones are generated (and stored) when some are explicit.
      const some = load(fresh, { JWT_SECRET: all.JWT_SECRET, COOKIE_SECRET: all.COOKIE_SECRET })
      expect(some.generated).toEqual(["DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"])
      expect(Object.keys(JSON.parse(fs.readFileSync(some.file, "utf8")))).toEqual(some.generated)
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true })
    }
  })

  it("treats an empty variable (an unfilled .env line) as missing", () => {
    const r = load(dir, { JWT_SECRET: "" })
    expect(r.values.JWT_SECRET).toMatch(HEX64)
  })

  it("adds a missing variable to an older file, keeping the others, and tightens a loose mode", () => {
    const file = path.join(dir, "secrets.json")
    fs.writeFileSync(file, JSON.stringify({ JWT_SECRET: "a".repeat(64), COOKIE_SECRET: "b".repeat(64) }), { mode: 0o644 })
    fs.chmodSync(file, 0o644)
    const r = load(dir)
    expect(r.generated).toEqual(["DOWNLOAD_SIGNING_SECRET", "SANDBOX_WEBHOOK_SECRET"])
    expect(r.values.JWT_SECRET).toBe("a".repeat(64))
    expect(r.values.COOKIE_SECRET).toBe("b".repeat(64))
    expect(mode(file)).toBe(0o600)
    expect(load(dir).values).toEqual(r.values)
  })

  it("refuses a corrupt file instead of silently replacing the secrets", () => {
    fs.writeFileSync(path.join(dir, "secrets.json"), "{ not json")
    expect(() => load(dir)).toThrow(/secrets\.json is not valid JSON/)
  })

  it("keeps a data folder inside the repository out of git", () => {
    fs.mkdirSync(path.join(root, ".data"), { recursive: true })
    const inside = fs.mkdtempSync(path.join(root, ".data", "unit-secrets-"))
    try {
      load(inside)
      expect(fs.readFileSync(path.join(inside, ".gitignore"), "utf8")).toBe("*\n")
    } finally {
      fs.rmSync(inside, { recursive: true, force: true })
    }
  })

  it("is what start.mjs uses, and the default data folder .data is git-ignored", () => {
    const start = fs.readFileSync(path.join(root, "scripts/start.mjs"), "utf8")
    expect(start).toContain('from "./secrets.mjs"')
    expect(fs.readFileSync(path.join(root, ".gitignore"), "utf8").split(/\r?\n/)).toContain(".data")
  })
})
