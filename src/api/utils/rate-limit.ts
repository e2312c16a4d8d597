import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible"
import type { RateLimiterAbstract } from "rate-limiter-flexible"

/**
 * Limits of login and sign-up attempts, per client IP and per account (the email of the request),
 * each "points/seconds" (`off` disables one). Read on every request, so a change of the
 * environment applies at once (the tests lower them for a moment).
 *
 * - login: `POST /auth/{customer,user}/emailpass`; the account's counter is cleared by a
 *   successful login, so it counts the failures since the last success.
 * - register: `POST /auth/{customer,user}/emailpass/register`.
 * - signup: `POST /store/accounts` and Medusa's `POST /store/customers` (one counter for both).
 */
export const RATE_LIMIT_DEFAULTS = {
  KSTORE_RATE_LIMIT_LOGIN_IP: "20/60",
  KSTORE_RATE_LIMIT_LOGIN_ACCOUNT: "10/900",
  KSTORE_RATE_LIMIT_SIGNUP_IP: "20/3600",
  KSTORE_RATE_LIMIT_SIGNUP_ACCOUNT: "5/3600",
} as const

type Kind = "login" | "register" | "signup"
type Rule = { points: number; duration: number }

const ENV: Record<Kind, { ip: keyof typeof RATE_LIMIT_DEFAULTS; account: keyof typeof RATE_LIMIT_DEFAULTS }> = {
  login: { ip: "KSTORE_RATE_LIMIT_LOGIN_IP", account: "KSTORE_RATE_LIMIT_LOGIN_ACCOUNT" },
  register: { ip: "KSTORE_RATE_LIMIT_SIGNUP_IP", account: "KSTORE_RATE_LIMIT_SIGNUP_ACCOUNT" },
  signup: { ip: "KSTORE_RATE_LIMIT_SIGNUP_IP", account: "KSTORE_RATE_LIMIT_SIGNUP_ACCOUNT" },
}

/** "points/seconds" → a rule; `off` (or 0) → none; anything else → the default. */
export function parseRule(value: string | undefined, fallback: string): Rule | null {
  const raw = (value ?? "").trim() || fallback
  if (/^(off|0)$/i.test(raw)) return null
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(raw)
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) return raw === fallback ? null : parseRule(fallback, fallback)
  return { points: Number(m[1]), duration: Number(m[2]) }
}

let redis: any = null
function redisClient(url: string) {
  if (!redis) {
    // ioredis comes with Medusa's Redis modules; loaded only when REDIS_URL is set.
    const mod = require("ioredis")
    const Redis = mod.default ?? mod
    redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    redis.on("error", () => {}) // the insurance limiter takes over while Redis is away
  }
  return redis
}

/** Closes the Redis connection of the limiters (tests, shutdown). */
export async function closeRateLimitRedis() {
  const client = redis
  redis = null
  limiters.clear()
  if (client) await client.quit().catch(() => client.disconnect())
}

const limiters = new Map<string, RateLimiterAbstract>()

/**
 * One limiter per name and rule: in memory, or in Redis when REDIS_URL is set (shared by every
 * instance; while Redis is unreachable an in-memory limiter of the same rule stands in).
 */
export function limiterFor(name: string, rule: Rule, redisUrl = process.env.REDIS_URL): RateLimiterAbstract {
  const id = `${name}:${rule.points}:${rule.duration}:${redisUrl ? "redis" : "memory"}`
  let limiter = limiters.get(id)
  if (!limiter) {
    const keyPrefix = `kstore:rl:${name}:${rule.points}:${rule.duration}`
    const memory = new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.duration })
    limiter = redisUrl
      ? new RateLimiterRedis({
          storeClient: redisClient(redisUrl),
          keyPrefix,
          points: rule.points,
          duration: rule.duration,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory
    limiters.set(id, limiter)
  }
  return limiter
}

/** The client's address as Express sees it (Medusa trusts one proxy hop: X-Forwarded-For). */
export function clientIp(req: MedusaRequest) {
  const ip = req.ip || req.socket?.remoteAddress || "unknown"
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip
}

const accountOf = (req: MedusaRequest) => {
  const email = (req.body as any)?.email
  return typeof email === "string" && email.trim() ? email.trim().toLowerCase() : null
}

/** customer / user: the actor type of an /auth route; sign-ups are customers'. */
const actorOf = (req: MedusaRequest) => /^\/auth\/(\w+)\//.exec(req.path)?.[1] ?? "customer"

/**
 * Counts the attempt against the IP's and the account's limits; over either → 429 with
 * `Retry-After` (seconds) and code `rate_limited`, and the request goes no further.
 */
export function rateLimit(kind: Kind) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const actor = actorOf(req)
      const checks: { limiter: RateLimiterAbstract; key: string; account: boolean }[] = []
      const ipRule = parseRule(process.env[ENV[kind].ip], RATE_LIMIT_DEFAULTS[ENV[kind].ip])
      if (ipRule) checks.push({ limiter: limiterFor(`${kind}-ip`, ipRule), key: `${actor}:${clientIp(req)}`, account: false })
      const account = accountOf(req)
      const accountRule = account ? parseRule(process.env[ENV[kind].account], RATE_LIMIT_DEFAULTS[ENV[kind].account]) : null
      if (account && accountRule) {
        checks.push({ limiter: limiterFor(`${kind}-account`, accountRule), key: `${actor}:${account}`, account: true })
      }

      const results = await Promise.allSettled(checks.map((c) => c.limiter.consume(c.key)))
      const refused = results
        .map((r) => (r.status === "rejected" && r.reason instanceof RateLimiterRes ? r.reason.msBeforeNext : null))
        .filter((ms): ms is number => ms !== null)
      if (refused.length) {
        const seconds = Math.max(1, Math.ceil(Math.max(...refused) / 1000))
        res.setHeader("Retry-After", String(seconds))
        res.status(429).json({
          type: "not_allowed",
          code: "rate_limited",
          message: `Too many attempts. Try again in ${seconds} seconds.`,
        })
        return
      }
      // Any other rejection is the store failing with no stand-in: let the request through.
      if (kind === "login") {
        const accountCheck = checks.find((c) => c.account)
        if (accountCheck) {
          res.on("finish", () => {
            if (res.statusCode === 200) accountCheck.limiter.delete(accountCheck.key).catch(() => {})
          })
        }
      }
      next()
    } catch (error) {
      next(error)
    }
  }
}
