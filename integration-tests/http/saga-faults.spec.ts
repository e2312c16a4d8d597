import { sagaFaultSuite } from "./saga-faults.suite"

jest.setTimeout(180 * 1000)

// The default, in-memory workflow engine, event bus and locks.
delete process.env.REDIS_URL
sagaFaultSuite()
