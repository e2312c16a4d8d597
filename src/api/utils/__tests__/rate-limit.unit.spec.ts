import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible"
import { closeRateLimitRedis, limiterFor, parseRule, RATE_LIMIT_DEFAULTS } from "../rate-limit"

describe("rate limit rules", () => {
  it("reads points/seconds, turns off with off or 0, and falls back to the default on nonsense", () => {
    expect(parseRule("5/60", "20/60")).toEqual({ points: 5, duration: 60 })
    expect(parseRule(" 7 / 900 ", "20/60")).toEqual({ points: 7, duration: 900 })
    expect(parseRule(undefined, "20/60")).toEqual({ points: 20, duration: 60 })
    expect(parseRule("", "20/60")).toEqual({ points: 20, duration: 60 })
    expect(parseRule("off", "20/60")).toBeNull()
    expect(parseRule("0", "20/60")).toBeNull()
    expect(parseRule("lots", "20/60")).toEqual({ points: 20, duration: 60 })
    expect(parseRule("0/60", "20/60")).toEqual({ points: 20, duration: 60 })
    for (const value of Object.values(RATE_LIMIT_DEFAULTS)) expect(parseRule(value, value)).not.toBeNull()
  })

  it("keeps counters in memory without REDIS_URL", async () => {
    const limiter = limiterFor(`unit-memory-${Date.now()}`, { points: 2, duration: 60 }, "")
    expect(limiter).toBeInstanceOf(RateLimiterMemory)
    await limiter.consume("k")
    await limiter.consume("k")
    const refused = await limiter.consume("k").catch((e) => e)
    expect(refused).toBeInstanceOf(RateLimiterRes)
    expect(refused.msBeforeNext).toBeGreaterThan(0)
    expect(refused.msBeforeNext).toBeLessThanOrEqual(60_000)
  })

  // scripts/test.mjs sets KSTORE_TEST_REDIS_URL when a Redis answers.
  const redisUrl = process.env.KSTORE_TEST_REDIS_URL
  ;(redisUrl ? it : it.skip)("shares counters through Redis with REDIS_URL", async () => {
    try {
      const name = `unit-redis-${Date.now()}`
      const first = limiterFor(name, { points: 2, duration: 60 }, redisUrl)
      expect(first).toBeInstanceOf(RateLimiterRedis)
      await first.consume("k")
      // A second process (here: a second limiter of the same rule) sees the same count.
      await closeRateLimitRedis()
      const second = limiterFor(name, { points: 2, duration: 60 }, redisUrl)
      expect(second).not.toBe(first)
      await second.consume("k")
      expect(await second.consume("k").catch((e) => e)).toBeInstanceOf(RateLimiterRes)
      await second.delete("k")
    } finally {
      await closeRateLimitRedis()
    }
  })
})
