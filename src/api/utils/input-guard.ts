import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * One rule for every route (ours, Medusa's, auth, webhooks): text PostgreSQL cannot store never
 * gets past the HTTP layer. PostgreSQL `text` and `jsonb` refuse U+0000, and a lone UTF-16
 * surrogate is no character at all (UTF-8 cannot encode it; jsonb refuses its `\ud800` escape), so
 * without this such a value ends as a 500 from the database, or worse, half written. Bodies nested
 * or repeated absurdly deep/long are refused too, before any validation walks them.
 */
export const INPUT_LIMITS = {
  /** Levels of objects/arrays in a body or query (Medusa's own deepest bodies use < 10). */
  maxDepth: 32,
  /** Items of one array (Medusa's batch routes send a few thousand at most). */
  maxArrayLength: 10_000,
  /** Keys of one object. */
  maxObjectKeys: 1_000,
} as const

export const INVALID_CHARACTERS = "invalid_characters"
export const BODY_TOO_COMPLEX = "body_too_complex"

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Describes the first character of `value` PostgreSQL cannot store, or null when there is none. */
export function unstorableCharacter(value: string): string | null {
  const match = UNSTORABLE.exec(value)
  if (!match) return null
  if (match[0] === "\u0000") return "U+0000 (NUL)"
  return `a lone surrogate U+${match[0].charCodeAt(0).toString(16).toUpperCase()}`
}

/** A field name as the message shows it: quoted, control characters and surrogates as `\uXXXX`. */
const quoted = (key: string) =>
  `"${key.replace(/[\u0000-\u001f"\\\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`

const join = (path: string, key: string) => {
  const shown = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : quoted(key)
  return path ? `${path}.${shown}` : shown
}

export type InputProblem = { code: typeof INVALID_CHARACTERS | typeof BODY_TOO_COMPLEX; message: string }

/**
 * Walks a parsed body or query (objects, arrays, strings; keys too) and returns its first problem,
 * or null. It never recurses past `maxDepth`, so a hostile body cannot exhaust the stack.
 */
export function findInputProblem(
  value: unknown,
  { prefix = "", root = "body", limits = INPUT_LIMITS }: { prefix?: string; root?: string; limits?: typeof INPUT_LIMITS } = {}
): InputProblem | null {
  const walk = (node: unknown, path: string, depth: number): InputProblem | null => {
    const where = path || root
    if (typeof node === "string") {
      const bad = unstorableCharacter(node)
      return bad
        ? { code: INVALID_CHARACTERS, message: `Field '${where}' contains ${bad}, a character that is not allowed in text` }
        : null
    }
    if (node === null || typeof node !== "object") return null
    // Raw bodies (webhooks keep a Buffer) and other non-plain values are not ours to judge.
    if (!Array.isArray(node) && Object.getPrototypeOf(node) !== Object.prototype && Object.getPrototypeOf(node) !== null) {
      return null
    }
    if (depth >= limits.maxDepth) {
      return { code: BODY_TOO_COMPLEX, message: `'${where}' is nested more than ${limits.maxDepth} levels deep` }
    }
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) {
        return { code: BODY_TOO_COMPLEX, message: `'${where}' has ${node.length} items, more than ${limits.maxArrayLength}` }
      }
      for (let i = 0; i < node.length; i++) {
        const problem = walk(node[i], `${path}[${i}]`, depth + 1)
        if (problem) return problem
      }
      return null
    }
    const keys = Object.keys(node)
    if (keys.length > limits.maxObjectKeys) {
      return { code: BODY_TOO_COMPLEX, message: `'${where}' has ${keys.length} fields, more than ${limits.maxObjectKeys}` }
    }
    for (const key of keys) {
      const bad = unstorableCharacter(key)
      if (bad) {
        return {
          code: INVALID_CHARACTERS,
          message: `A field name in '${where}' (${quoted(key)}) contains ${bad}, a character that is not allowed`,
        }
      }
      const problem = walk((node as Record<string, unknown>)[key], join(path, key), depth + 1)
      if (problem) return problem
    }
    return null
  }
  return walk(value, prefix, 0)
}

/** The decoded path segments of a URL, for the NUL check (a malformed escape is Express's to refuse). */
function pathProblem(url: string): InputProblem | null {
  const path = url.split("?")[0]
  if (!path.includes("%")) return null
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      continue
    }
    const bad = unstorableCharacter(decoded)
    if (bad) return { code: INVALID_CHARACTERS, message: `The URL path contains ${bad}, a character that is not allowed` }
  }
  return null
}

/**
 * Global middleware (src/api/middlewares.ts, matcher "/*"): runs after Medusa's body parser and
 * before every route's own validation. 400 `invalid_characters` / `body_too_complex`, naming the
 * field (`payment.method`, `tags[1]`, `query.q`).
 */
export function inputGuard(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const problem =
    pathProblem(req.originalUrl ?? req.url) ??
    findInputProblem(req.query, { prefix: "query", root: "query" }) ??
    findInputProblem(req.body)
  if (problem) return next(new MedusaError(MedusaError.Types.INVALID_DATA, problem.message, problem.code))
  next()
}
