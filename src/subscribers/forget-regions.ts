import type { SubscriberConfig } from "@medusajs/framework"
import { forgetRegions } from "../lib/regions"

export default async function forgetRegionsHandler() {
  forgetRegions()
}

export const config: SubscriberConfig = {
  event: ["region.created", "region.updated", "region.deleted"],
}
