import { z } from "@medusajs/framework/zod"
import { countryCode, entityId } from "./validators"

const limit = z.coerce
  .number({ message: "limit must be a number" })
  .int("limit must be a whole number")
  .min(1, "limit must be between 1 and 50")
  .max(50, "limit must be between 1 and 50")
  .default(10)

/** The signed-in player's lists: their residence decides the country, so no country parameter. */
export const StoreRecommendationsQuery = z.object({ limit }).strict()

/** Anyone's "similar games": the caller's country as on the game page. */
export const StoreSimilarGamesQuery = z
  .object({ limit, region_id: entityId.optional(), country_code: countryCode.optional() })
  .strict()

export type StoreRecommendationsQueryType = z.infer<typeof StoreRecommendationsQuery>
export type StoreSimilarGamesQueryType = z.infer<typeof StoreSimilarGamesQuery>
