import { Modules } from "@medusajs/framework/utils"

function loadConfig(env: Record<string, string | undefined>) {
  const saved = { ...process.env }
  Object.assign(process.env, env)
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
  try {
    let config: any
    jest.isolateModules(() => {
      config = require("../../medusa-config")
    })
    return config
  } finally {
    process.env = saved
  }
}

const resolveOf = (config: any, key: string) =>
  (config.modules as any[]).find?.((m) => m.key === key)?.resolve ??
  (config.modules as Record<string, any>)[key]?.resolve

describe("medusa-config", () => {
  it("runs on in-process defaults without REDIS_URL", () => {
    const config = loadConfig({ REDIS_URL: undefined, DATABASE_URL: "postgres://x@localhost/db" })
    expect(config.projectConfig.databaseUrl).toBe("postgres://x@localhost/db")
    expect(config.projectConfig.redisUrl).toBeUndefined()
    expect(resolveOf(config, Modules.EVENT_BUS)).toBe("@medusajs/medusa/event-bus-local")
    expect(resolveOf(config, Modules.WORKFLOW_ENGINE)).toBe("@medusajs/medusa/workflow-engine-inmemory")
    expect(resolveOf(config, "game")).toBe("./src/modules/game")
  })

  it("switches event bus, cache, workflow engine and locking to Redis with REDIS_URL", () => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" })
    expect(resolveOf(config, Modules.EVENT_BUS)).toBe("@medusajs/medusa/event-bus-redis")
    expect(resolveOf(config, Modules.CACHE)).toBe("@medusajs/medusa/cache-redis")
    expect(resolveOf(config, Modules.WORKFLOW_ENGINE)).toBe("@medusajs/medusa/workflow-engine-redis")
    expect(resolveOf(config, Modules.LOCKING)).toBe("@medusajs/medusa/locking")
  })
})
