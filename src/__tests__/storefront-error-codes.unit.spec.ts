import fs from "fs"
import path from "path"

/**
 * The storefront recovers an API error's `code` from its message, because @medusajs/js-sdk's
 * FetchError keeps only the status and the message (storefront/src/lib/api.ts, PATTERNS). A backend
 * message reworded would then silently lose its translated sentence; this test fails instead: each
 * pattern must still match a message the backend writes, in a file that names the same code.
 */
const root = path.resolve(__dirname, "../..")

type Entry = { code: string; status: number | null; pattern: RegExp }

function storefrontPatterns(): Entry[] {
  const text = fs.readFileSync(path.join(root, "storefront/src/lib/api.ts"), "utf8")
  const block = text.slice(text.indexOf("const PATTERNS"), text.indexOf("export function toApiError"))
  const entries: Entry[] = []
  for (const m of block.matchAll(/\["(\w+)",\s*(null|\d+),\s*\/(.+?)\/([a-z]*)\]/g)) {
    entries.push({ code: m[1], status: m[2] === "null" ? null : Number(m[2]), pattern: new RegExp(m[3], m[4]) })
  }
  return entries
}

function backendFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== "__tests__" && entry.name !== "migrations" && entry.name !== "admin") backendFiles(full, out)
    } else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".spec.ts")) out.push(full)
  }
  return out
}

/** Every string and template literal of a file, with `${…}` as a word (a name, a number). */
function literals(source: string): string[] {
  const found: string[] = []
  for (const m of source.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? ""
    found.push(raw.replace(/\$\{[^}]*\}/g, "x1"))
  }
  return found
}

// Messages of Medusa's own packages that the storefront names itself (no code in the answer).
const MEDUSA_MESSAGES: Record<string, string> = {
  invalid_credentials: "node_modules/@medusajs/auth-emailpass/dist/services/emailpass.js",
  identity_exists: "node_modules/@medusajs/auth-emailpass/dist/services/emailpass.js",
}

const files = backendFiles(path.join(root, "src")).map((file) => {
  const source = fs.readFileSync(file, "utf8")
  return { file: path.relative(root, file), source, literals: literals(source) }
})
const patterns = storefrontPatterns()

describe("the storefront's map from API messages to error codes", () => {
  it("reads the storefront's patterns", () => {
    expect(patterns.length).toBeGreaterThan(20)
    expect(patterns.map((p) => p.code)).toEqual(expect.arrayContaining(["already_owned", "country_not_served", "rate_limited"]))
  })

  it.each(patterns.filter((p) => MEDUSA_MESSAGES[p.code]).map((p) => [p.code, p] as const))("%s still matches Medusa's own message", (code, { pattern }) => {
    const source = fs.readFileSync(path.join(root, MEDUSA_MESSAGES[code]), "utf8")
    expect(literals(source).filter((l) => pattern.test(l))).not.toEqual([])
  })

  it.each(patterns.filter((p) => !MEDUSA_MESSAGES[p.code]).map((p) => [p.code, p] as const))("%s still matches a backend message that names the code", (code, { pattern }) => {
    const sources = files.filter((f) => f.literals.some((l) => pattern.test(l)))
    expect(sources.map((f) => f.file)).not.toEqual([])
    // The code next to its message: the throwing file names it (or, for limits, the answer's code).
    const named = sources.filter((f) => f.source.includes(`"${code}"`) || f.source.includes(`${code}:`) || f.source.includes(`'${code}'`))
    expect({ code, files: named.map((f) => f.file) }).toEqual({ code, files: expect.arrayContaining([expect.any(String)]) })
  })

  it("fails for a message the backend does not write", () => {
    const made = /this sentence is in no backend file/i
    expect(files.some((f) => f.literals.some((l) => made.test(l)))).toBe(false)
  })
})
