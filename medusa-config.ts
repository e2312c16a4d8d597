import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"
import { resolveSecrets } from "./src/secrets"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// JWT_SECRET, COOKIE_SECRET, DOWNLOAD_SIGNING_SECRET, SANDBOX_WEBHOOK_SECRET: production refuses to
// start without them; elsewhere a missing one is random per process (`npm start` passes stored ones).
const secrets = resolveSecrets(process.env)
const redisUrl = process.env.REDIS_URL

// Each of these switches a concern from the in-process default to Redis when REDIS_URL is set,
// so several HTTP instances and a worker can share one event bus, cache, lock and workflow state.
const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl } },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : []

// Catalog answers (src/lib/catalog-cache.ts) live in Medusa's Caching Module: in this process's
// memory by default, in Redis (shared by every instance, so one instance's invalidation reaches
// all) with REDIS_URL. Medusa's own query caching stays off (its feature flag is not set).
const cachingModule = {
  key: Modules.CACHING,
  resolve: "@medusajs/medusa/caching",
  options: redisUrl
    ? {
        providers: [
          { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } },
        ],
      }
    : { in_memory: { enable: true } },
}

// The sandbox is always there (tests and demos use it); Stripe joins it when a key is given.
// Tests also get the same sandbox as a manual-capture provider (pp_sandbox_manual), whose
// authorization never captures, whatever the session data asks.
const paymentProviders = [
  {
    resolve: "./src/modules/sandbox-payment",
    id: "sandbox",
    options: { webhook_secret: secrets.SANDBOX_WEBHOOK_SECRET },
  },
  ...(process.env.KSTORE_TEST_PROVIDERS === "true"
    ? [
        {
          resolve: "./src/modules/sandbox-payment",
          id: "manual",
          options: { webhook_secret: secrets.SANDBOX_WEBHOOK_SECRET, capture: "manual" },
        },
      ]
    : []),
  ...(process.env.STRIPE_API_KEY
    ? [
        {
          resolve: "@medusajs/medusa/payment-stripe",
          id: "stripe",
          options: { apiKey: process.env.STRIPE_API_KEY, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET },
        },
      ]
    : []),
]

// Every mail is stored by the notification module (admin and tests read it); the local provider
// delivers in development, SendGrid for real when a key is given.
const notificationProviders = process.env.SENDGRID_API_KEY
  ? [
      {
        resolve: "@medusajs/medusa/notification-sendgrid",
        id: "sendgrid",
        options: { channels: ["email"], api_key: process.env.SENDGRID_API_KEY, from: process.env.SENDGRID_FROM },
      },
      { resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["feed"] } },
    ]
  : [{ resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["email", "feed"] } }]

// Search: Medusa's Search Module. Our PostgreSQL provider (Medusa's native one plus synonyms, typos,
// CJK and highlights) serves by default, embedded in the store's database; Meilisearch takes over
// when MEILISEARCH_HOST is set. Medusa's own provider stays registered: its migration creates the
// pg_trgm/unaccent extensions and the document catalog ours writes to.
const meilisearchHost = process.env.MEILISEARCH_HOST
const searchModule = {
  key: Modules.SEARCH,
  resolve: "@medusajs/medusa/search",
  options: {
    providers: [
      { resolve: "@medusajs/medusa/search-postgres", id: "postgres" },
      { resolve: "./src/modules/search-pg", id: "kstore" },
      ...(meilisearchHost
        ? [
            {
              resolve: "./src/modules/search-meilisearch",
              id: "meilisearch",
              options: { host: meilisearchHost, api_key: process.env.MEILISEARCH_API_KEY },
            },
          ]
        : []),
    ],
    default_provider: meilisearchHost ? "kstore-meilisearch" : "kstore-search-pg",
  },
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:8000,http://localhost:9000,http://localhost:5173",
      jwtSecret: secrets.JWT_SECRET,
      cookieSecret: secrets.COOKIE_SECRET,
    },
    // `npm start` serves production builds on plain http://localhost, where a Secure session
    // cookie (Medusa's production default) is never set and the admin could not sign in.
    ...(process.env.KSTORE_LOCAL_HTTP === "true" ? { cookieOptions: { secure: false } } : {}),
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true",
    backendUrl: process.env.MEDUSA_BACKEND_URL || "/",
  },
  modules: [
    { resolve: "./src/modules/game" },
    { resolve: "./src/modules/region-policy" },
    { resolve: "./src/modules/points" },
    { resolve: "./src/modules/library" },
    { resolve: "./src/modules/purchase" },
    { resolve: "./src/modules/mail" },
    { resolve: "./src/modules/account" },
    { resolve: "./src/modules/gift" },
    { resolve: "./src/modules/friends" },
    { resolve: "./src/modules/recommendation" },
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: { providers: notificationProviders },
    },
    { key: Modules.PAYMENT, resolve: "@medusajs/medusa/payment", options: { providers: paymentProviders } },
    searchModule,
    cachingModule,
    ...redisModules,
  ],
})
