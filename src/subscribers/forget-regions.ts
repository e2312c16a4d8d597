import type { SubscriberConfig } from "@medusajs/framework"
import { forgetRegions } from "../modules/region-policy/regions"

export default async function forgetRegionsHandler() {
  forgetRegions()
}

export const config: SubscriberConfig = {
  event: ["region.created", "region.updated", "region.deleted"],
}
