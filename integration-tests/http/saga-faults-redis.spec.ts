import { sagaFaultSuite } from "./saga-faults.suite"

jest.setTimeout(180 * 1000)

// The same fault matrix with REDIS_URL set: Redis workflow engine, event bus, cache and locks.
// `npm test` sets KSTORE_TEST_REDIS_URL when a Redis answers (CI always has one).
const redisUrl = process.env.KSTORE_TEST_REDIS_URL
if (redisUrl) {
  process.env.REDIS_URL = redisUrl
  sagaFaultSuite()
} else {
  it.skip("needs a Redis (KSTORE_TEST_REDIS_URL, set by npm test when 127.0.0.1:6379 answers)", () => {})
}
