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

  it("caches catalog answers in memory, or in Redis once REDIS_URL is set", () => {
    const caching = (env: Record<string, string | undefined>) => {
      const modules = loadConfig(env).modules
      return Array.isArray(modules) ? modules.find((m) => m.key === Modules.CACHING) : modules[Modules.CACHING]
    }
    const memory = caching({ REDIS_URL: undefined })
    expect(memory.resolve).toBe("@medusajs/medusa/caching")
    expect(memory.options).toEqual({ in_memory: { enable: true } })
    const redis = caching({ REDIS_URL: "redis://127.0.0.1:6379" })
    expect(redis.resolve).toBe("@medusajs/medusa/caching")
    expect(redis.options.in_memory).toBeUndefined()
    expect(redis.options.providers).toEqual([
      {
        resolve: "@medusajs/medusa/caching-redis",
        id: "caching-redis",
        is_default: true,
        options: { redisUrl: "redis://127.0.0.1:6379" },
      },
    ])
  })

  it("searches on our PostgreSQL provider, or Meilisearch once MEILISEARCH_HOST is set", () => {
    const search = (env: Record<string, string | undefined>) => {
      const modules = loadConfig(env).modules
      return (Array.isArray(modules) ? modules.find((m) => m.key === Modules.SEARCH) : modules[Modules.SEARCH]).options
    }
    const pg = search({ MEILISEARCH_HOST: undefined })
    expect(pg.default_provider).toBe("kstore-search-pg")
    expect(pg.providers.map((p: any) => p.resolve)).toEqual(["@medusajs/medusa/search-postgres", "./src/modules/search-pg"])
    const meili = search({ MEILISEARCH_HOST: "http://127.0.0.1:7700", MEILISEARCH_API_KEY: "k" })
    expect(meili.default_provider).toBe("kstore-meilisearch")
    expect(meili.providers[2]).toEqual({
      resolve: "./src/modules/search-meilisearch",
      id: "meilisearch",
      options: { host: "http://127.0.0.1:7700", api_key: "k" },
    })
  })
})
