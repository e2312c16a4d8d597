import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { RECOMMENDATION_MODULE } from "../../modules/recommendation"
import type RecommendationModuleService from "../../modules/recommendation/service"
import type { CatalogGame, Ranked } from "../../modules/recommendation/rank"
import { cachedAnswer, LISTS_TAG } from "../../modules/game/catalog-cache"

type Scope = Pick<MedusaContainer, "resolve">

const CATALOG_FIELDS = ["id", "title", "handle", "thumbnail", "genres", "tags", "release_at", "service_countries", "published"]

/**
 * The reads every recommendation answer needs, across modules through Query: the published
 * catalog (game module), what the caller owns (library module), the model and the caller's
 * history (recommendation module). Ranking itself is pure (modules/recommendation/rank.ts).
 */
export async function recommendationInputs(scope: Scope, customerId: string | null) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const recs = scope.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
  const [{ data: catalog }, owned, history, model] = await Promise.all([
    // The published catalog is the same for every caller: cached like the game lists, and cleared
    // with them whenever a game's listing changes.
    cachedAnswer(scope, "recs-catalog", {}, [LISTS_TAG], async () =>
      (await query.graph({ entity: "game", fields: CATALOG_FIELDS, filters: { published: true } })).data
    ).then((r) => ({ data: r.data ?? [] })),
    customerId
      ? query.graph({ entity: "entitlement", fields: ["game_id"], filters: { customer_id: customerId, status: "active" } })
      : Promise.resolve({ data: [] as any[] }),
    customerId ? recs.playerHistory(customerId) : Promise.resolve([]),
    recs.currentModel(),
  ])
  return {
    catalog: catalog as unknown as (CatalogGame & { thumbnail: string | null })[],
    owned: new Set<string>(owned.data.map((e: any) => e.game_id)),
    history,
    model,
  }
}

/** A published game by id or handle, as the game page finds it; 404 otherwise. */
export function gameIn<T extends CatalogGame>(catalog: T[], key: string): T {
  const game = catalog.find((g) => (key.startsWith("game_") ? g.id === key : g.handle === key))
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${key}' not found`)
  return game
}

/** One entry of an answer: the game's card fields, its score and why it is there. */
export function recommendationView(r: Ranked, now: Date) {
  const g = r.game as CatalogGame & { thumbnail?: string | null }
  return {
    game: {
      id: g.id,
      title: g.title,
      handle: g.handle,
      thumbnail: g.thumbnail ?? null,
      genres: g.genres,
      release_at: g.release_at,
      released: new Date(g.release_at) <= now,
    },
    score: Math.round(r.score * 1e4) / 1e4,
    reason: r.reason,
  }
}
