import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { GAME_INDEX } from "../_game-fields"
import { GAME_GRAPH_FIELDS, gameDocument, salePricesOf } from "../_game-documents"

const PAGE = 200

/** What differs between the index and the database for one game. */
export type GameDrift =
  | { id: string; kind: "missing" }
  | { id: string; kind: "stale" }
  | { id: string; kind: "changed"; fields: string[] }

/** How many games are published (what the index should hold), in one counted query. */
export async function countPublishedGames(container: MedusaContainer) {
  const [, count] = await container.resolve<GameModuleService>(GAME_MODULE).listAndCountGames({ published: true }, { select: ["id"], take: 1 })
  return count
}

/** Published game ids in id order, a page at a time (what the index should hold). */
export async function* publishedGameIds(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let after: string | undefined
  while (true) {
    const { data } = await query.graph({
      entity: "game",
      fields: ["id"],
      filters: { published: true, ...(after ? { id: { $gt: after } } : {}) },
      pagination: { take: PAGE, order: { id: "ASC" } },
    })
    if (!data.length) return
    yield data.map((g: any) => g.id as string)
    after = data[data.length - 1].id
  }
}

/** Every id the index holds, read through the Search Module in id order. */
export async function indexedIds(container: MedusaContainer) {
  const search = container.resolve(Modules.SEARCH)
  const ids = new Set<string>()
  let after: string | undefined
  while (true) {
    const result = await search.search({
      entity: GAME_INDEX,
      filters: after ? { id: { $gt: after } } : {},
      fields: ["id"],
      pagination: { take: PAGE, order: { id: "ASC" } },
    })
    if (!result.hits.length) return ids
    for (const hit of result.hits) ids.add(String(hit.document.id))
    after = String(result.hits[result.hits.length - 1].document.id)
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/

/** By value: arrays as JSON, dates by their instant (engines spell them differently). */
function same(a: unknown, b: unknown) {
  if (a instanceof Date) a = a.toISOString()
  if (b instanceof Date) b = b.toISOString()
  if (typeof a === "string" && typeof b === "string" && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    return Date.parse(a) === Date.parse(b)
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/**
 * The index against the database: games it lacks, documents of games no longer sold (or gone),
 * and documents whose fields differ from what the game's rows give now. Read-only.
 */
export async function findGameDrift(container: MedusaContainer, now = new Date()): Promise<GameDrift[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const search = container.resolve(Modules.SEARCH)
  const indexed = await indexedIds(container)
  const drift: GameDrift[] = []
  for await (const ids of publishedGameIds(container)) {
    const [{ data: rows }, result] = await Promise.all([
      query.graph({ entity: "game", fields: GAME_GRAPH_FIELDS, filters: { id: ids } }),
      search.search({ entity: GAME_INDEX, filters: { id: { $in: ids } }, pagination: { take: ids.length } }),
    ])
    const sales = await salePricesOf(query, rows.map((r: any) => r.variant_id).filter(Boolean), now)
    const stored = new Map(result.hits.map((h) => [String(h.document.id), h.document]))
    for (const row of rows as any[]) {
      indexed.delete(row.id)
      const doc = stored.get(row.id)
      if (!doc) {
        drift.push({ id: row.id, kind: "missing" })
        continue
      }
      const expected = gameDocument(row, row.variant_id ? sales.get(row.variant_id) : undefined, now) as Record<string, unknown>
      const fields = Object.keys(expected).filter((f) => !same(expected[f], doc[f]))
      if (fields.length) drift.push({ id: row.id, kind: "changed", fields })
    }
  }
  for (const id of indexed) drift.push({ id, kind: "stale" })
  return drift
}
