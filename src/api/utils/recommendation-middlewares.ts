import { authenticate } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "./validate-query"
import { StoreRecommendationsQuery, StoreSimilarGamesQuery } from "./recommendation-validators"

export const recommendationMiddlewares: MiddlewareRoute[] = [
  // A player's own recommendations: 401 without a sign-in.
  { matcher: "/store/recommendations*", middlewares: [authenticate("customer", ["session", "bearer"])] },
  { matcher: "/store/recommendations", methods: ["GET"], middlewares: [validateQuery(StoreRecommendationsQuery)] },
  { matcher: "/store/recommendations/because/:game_id", methods: ["GET"], middlewares: [validateQuery(StoreRecommendationsQuery)] },
  // Anyone; a signed-in player's owned games and residence are taken into account.
  {
    matcher: "/store/games/:id/similar",
    methods: ["GET"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateQuery(StoreSimilarGamesQuery),
    ],
  },
]
