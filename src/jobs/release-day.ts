import type { MedusaContainer } from "@medusajs/framework/types"
import { releaseGamesWorkflow } from "../workflows/release/release-games"

/** Every minute: games whose release time has passed become downloadable for their owners. */
export default async function releaseDayJob(container: MedusaContainer) {
  await releaseGamesWorkflow(container).run({ input: { now: new Date() } })
}

export const config = {
  name: "release-day",
  schedule: "* * * * *",
}
