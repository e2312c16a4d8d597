import type { ExecArgs } from "@medusajs/framework/types"
import { findGameDrift } from "../search/maintenance/drift"

/**
 * `npm run search:drift`: the index compared with the database, a line per difference. Exits 1
 * when there is any, so a scheduler or CI can alert on it; `npm run search:reindex` mends it.
 */
export default async function searchDrift({ container }: ExecArgs) {
  const drift = await findGameDrift(container)
  for (const d of drift) {
    console.log(d.kind === "changed" ? `changed ${d.id}: ${d.fields.join(", ")}` : `${d.kind} ${d.id}`)
  }
  console.log(drift.length ? `search: ${drift.length} games differ from the database` : "search: the index matches the database")
  if (drift.length) process.exitCode = 1
}
