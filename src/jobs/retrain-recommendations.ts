import type { MedusaContainer } from "@medusajs/framework/types"
import { RECOMMENDATION_MODULE } from "../modules/recommendation"
import type RecommendationModuleService from "../modules/recommendation/service"

/**
 * Hourly: the recommendation model is rebuilt from every recorded interaction, so item-to-item
 * statistics and the embedding catch up with what other processes recorded. A player's own
 * latest signals count at once without it (they are read at every request).
 */
export default async function retrainRecommendationsJob(container: MedusaContainer) {
  await container.resolve<RecommendationModuleService>(RECOMMENDATION_MODULE).retrain()
}

export const config = {
  name: "retrain-recommendations",
  schedule: "0 * * * *",
}
