import type { MedusaContainer } from "@medusajs/framework/types"
import { recoverSagas } from "../workflows/recover-sagas"

/** Every 10 seconds: sagas a dead process left unfinished are driven on by their own workflows. */
export default async function recoverSagasJob(container: MedusaContainer) {
  await recoverSagas(container)
}

export const config = {
  name: "recover-sagas",
  schedule: "*/10 * * * * *",
}
