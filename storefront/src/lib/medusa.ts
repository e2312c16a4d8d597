import Medusa, { FetchError } from "@medusajs/js-sdk"
import { getStoreConfig } from "./config"
import type { GameList, GameQuery, GameResponse, GameSearch, GameSearchQuery, GameSuggestions, RegionHint } from "./types"

type StoreRegion = { id: string; name: string; currency_code: string; countries?: { iso_2?: string | null }[] | null }

/**
 * The only way the storefront talks to the backend: @medusajs/js-sdk with the publishable key.
 * Server side only (it reads the config file); the browser goes through our /api route handlers.
 */
let client: { key: string; sdk: Medusa } | null = null

export function getSdk(): Medusa {
  const config = getStoreConfig()
  const key = `${config.backendUrl}|${config.publishableKey ?? ""}`
  if (!client || client.key !== key) {
    client = {
      key,
      sdk: new Medusa({
        baseUrl: config.backendUrl,
        publishableKey: config.publishableKey ?? undefined,
        auth: { type: "jwt", jwtTokenStorageMethod: "nostore" },
        logger: { error: console.error, warn: console.warn, info: () => {}, debug: () => {} },
      }),
    }
  }
  return client.sdk
}

const TIMEOUT_MS = 8_000

export function isNotFound(error: unknown) {
  return error instanceof FetchError && error.status === 404
}

function clean(query: Record<string, unknown>) {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.join(",")
    } else out[k] = String(v)
  }
  return out
}

type CallOptions = { forwardedFor?: string | null; token?: string | null }

async function call<T>(route: string, query: Record<string, unknown>, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {}
  if (opts.forwardedFor) headers["x-forwarded-for"] = opts.forwardedFor
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  return getSdk().client.fetch<T>(route, {
    query: clean(query),
    headers,
    cache: "no-store",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
}

/** GET /store/games — one SQL query on the backend (filters, sort, paging, count). */
export function listGames(query: GameQuery, opts?: CallOptions) {
  return call<GameList>("/store/games", query, opts)
}

/**
 * GET /store/search — Medusa's Search Module: synonyms, typos, Korean and Japanese titles, only
 * games sold in the country, with the price paid now and genre/tag facets.
 */
export function searchGames(query: GameSearchQuery, opts?: CallOptions) {
  return call<GameSearch>("/store/search", query, opts)
}

/** GET /store/search/suggest — title prefixes, the typed part given as offsets. */
export function suggestGames(q: string, country: string, limit = 8) {
  return call<GameSuggestions>("/store/search/suggest", { q, country_code: country, limit })
}

/** GET /store/games/:id-or-handle — priced by Medusa's pricing in the country's region. */
export function getGame(idOrHandle: string, country: string, opts?: CallOptions) {
  return call<GameResponse>(`/store/games/${encodeURIComponent(idOrHandle)}`, { country_code: country }, opts)
}

export type GameFilters = { genres: { value: string; count: number }[]; tags: { value: string; count: number }[] }

/** GET /store/game-filters — the genres and tags in the catalog sold in a country, with counts. */
export function listGameFilters(country?: string) {
  return call<GameFilters>("/store/game-filters", { country })
}

/** GET /store/region-hint — the region suggested by the visitor's IP (forwarded). */
export function regionHint(forwardedFor: string | null) {
  return call<RegionHint>("/store/region-hint", {}, { forwardedFor })
}

/** Medusa's own GET /store/regions (through client.fetch for the shared timeout). */
export async function listRegions() {
  const { regions } = await call<{ regions: StoreRegion[] }>("/store/regions", {
    fields: "id,name,currency_code,*countries",
    limit: 50,
  })
  return regions
}
