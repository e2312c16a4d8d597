import type { MedusaContainer } from "@medusajs/framework/types"
import { recoverStalledSagas } from "../workflows/recovery/recover-sagas"
import { expireAwaitingPreorders } from "../workflows/preorder/settle-async-payment"

/**
 * Every minute: sagas pending for over two minutes were left by a dead process, finish them; and
 * pre-orders whose asynchronous payment window closed unpaid are undone.
 */
export default async function recoverSagasJob(container: MedusaContainer) {
  await recoverStalledSagas(container, { stale_ms: 2 * 60_000 })
  await expireAwaitingPreorders(container)
}

export const config = {
  name: "recover-sagas",
  schedule: "* * * * *",
}
