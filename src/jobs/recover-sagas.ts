import type { MedusaContainer } from "@medusajs/framework/types"
import { recoverStalledSagas } from "../workflows/recovery/recover-sagas"

/** Every minute: sagas pending for over two minutes were left by a dead process; finish them. */
export default async function recoverSagasJob(container: MedusaContainer) {
  await recoverStalledSagas(container, { stale_ms: 2 * 60_000 })
}

export const config = {
  name: "recover-sagas",
  schedule: "* * * * *",
}
