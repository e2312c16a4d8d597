import type { MedusaContainer } from "@medusajs/framework/types"
import { announceReleasesWorkflow } from "../workflows/release/announce-releases"

/** Every five minutes: new games and newly open pre-orders go to the players most likely to want them. */
export default async function announceReleasesJob(container: MedusaContainer) {
  await announceReleasesWorkflow(container).run({ input: { now: new Date() } })
}

export const config = {
  name: "announce-releases",
  schedule: "*/5 * * * *",
}
