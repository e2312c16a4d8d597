import type { ICachingModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * The store's catalog answers (game list, game page, search, suggest) kept in Medusa's Caching
 * Module. Every entry carries CATALOG_TAG; game lists also LISTS_TAG (any game's change can reorder
 * or refilter them), searches SEARCH_TAG (cleared once the search index has taken the change in),
 * a game page its game's tag. Only answers shared by every caller
 * of one key are stored: per-customer parts are added by the route after the read.
 */
export const CATALOG_TAG = "kstore:catalog"
export const LISTS_TAG = "kstore:catalog:lists"
export const SEARCH_TAG = "kstore:catalog:search"
export const gameTag = (id: string) => `kstore:game:${id}`

/** The longest an entry lives even when nothing changes (seconds). */
const MAX_TTL_S = Math.max(1, Number(process.env.CATALOG_CACHE_TTL || 300))
/** How long an invalidation is remembered: longer than any catalog read takes. */
const STAMP_TTL_S = 120
/** A write still under way forbids storing answers for at most this long (ms). */
const PENDING_MS = 30_000

type Scope = Pick<MedusaContainer, "resolve">
type Stamp = { at: number }

function cachingOf(scope: Scope): ICachingModuleService | null {
  try {
    return (scope.resolve(Modules.CACHING, { allowUnregistered: true }) as ICachingModuleService) ?? null
  } catch {
    return null
  }
}

const stampKey = (tag: string) => `kstore:invalidated:${tag}`

async function stamp(cache: ICachingModuleService, tags: string[], at: number) {
  await Promise.all(tags.map((tag) => cache.set({ key: stampKey(tag), data: { at }, tags: [], ttl: STAMP_TTL_S })))
}

/**
 * Drops the entries of `tags`. A read that started before this call may still be computing from
 * the old rows, so the time is stamped first and such a read does not store its answer.
 * `pending`: a write is starting — forbid storing until the matching non-pending call.
 */
export async function invalidateCatalog(scope: Scope, tags: string[], { pending = false } = {}) {
  const cache = cachingOf(scope)
  if (!cache || !tags.length) return
  await stamp(cache, tags, pending ? Date.now() + PENDING_MS : Date.now())
  await cache.clear({ tags })
}

async function invalidatedSince(cache: ICachingModuleService, tags: string[], started: number) {
  const stamps = (await Promise.all(tags.map((t) => cache.get({ key: stampKey(t) })))) as (Stamp | null)[]
  return stamps.some((s) => s && s.at >= started)
}

/**
 * The earliest future moment at which a price list starts or ends or a game is released: a
 * cached answer may contain a sale price or a released flag that changes then, with no event.
 */
async function nextCatalogChange(scope: Scope, cache: ICachingModuleService, now: number): Promise<number | null> {
  const key = "kstore:catalog:next-change"
  const known = (await cache.get({ key })) as { at: number | null } | null
  if (known && (known.at === null || known.at > now)) return known.at
  const started = Date.now()
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const iso = new Date(now).toISOString()
  const [{ data: lists }, { data: games }] = await Promise.all([
    query.graph({
      entity: "price_list",
      fields: ["starts_at", "ends_at"],
      filters: { $or: [{ starts_at: { $gt: iso } }, { ends_at: { $gt: iso } }] } as any,
    }),
    query.graph({
      entity: "game",
      fields: ["release_at"],
      filters: { release_at: { $gt: iso } } as any,
      pagination: { take: 1, order: { release_at: "ASC" } },
    }),
  ])
  const times = [
    ...lists.flatMap((l: any) => [l.starts_at, l.ends_at]),
    ...games.map((g: any) => g.release_at),
  ]
    .filter(Boolean)
    .map((t) => new Date(t).getTime())
    .filter((t) => t > now)
  const at = times.length ? Math.min(...times) : null
  if (!(await invalidatedSince(cache, [CATALOG_TAG], started))) {
    const ttl = at === null ? MAX_TTL_S : Math.floor((at - now) / 1000)
    if (ttl >= 1) await cache.set({ key, data: { at }, tags: [CATALOG_TAG], ttl: Math.min(ttl, MAX_TTL_S) })
  }
  return at
}

/**
 * The answer stored under `parts` (every input it depends on), or `compute`'s, stored with `tags`
 * for at most MAX_TTL_S and never past the next sale start/end or release. `tags` may be a
 * function of the answer (a game page knows its game's id only once read). `null` is not stored.
 */
export async function cachedAnswer<T>(
  scope: Scope,
  kind: string,
  parts: Record<string, unknown>,
  tags: string[] | ((data: T) => string[]),
  compute: () => Promise<T | null>
): Promise<{ data: T | null; hit: boolean }> {
  const cache = cachingOf(scope)
  if (!cache) return { data: await compute(), hit: false }
  const key = `kstore:${kind}:${await cache.computeKey(parts)}`
  const found = (await cache.get({ key })) as { data: T } | null
  if (found) return { data: found.data, hit: true }

  const started = Date.now()
  const [data, next] = await Promise.all([compute(), nextCatalogChange(scope, cache, started)])
  if (data === null) return { data, hit: false }
  const allTags = [CATALOG_TAG, ...(typeof tags === "function" ? tags(data) : tags)]
  const ttl = Math.min(MAX_TTL_S, next === null ? MAX_TTL_S : Math.floor((next - started) / 1000))
  if (ttl >= 1 && !(await invalidatedSince(cache, allTags, started))) {
    await cache.set({ key, data: { data }, tags: allTags, ttl })
  }
  return { data, hit: false }
}

/** `x-cache: hit|miss`, so tests and operators can see where an answer came from. */
export function markCache(res: { setHeader(name: string, value: string): unknown }, hit: boolean) {
  res.setHeader("x-cache", hit ? "hit" : "miss")
}
