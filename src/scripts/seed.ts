import type { ExecArgs } from "@medusajs/framework/types"
import type { MedusaContainer } from "@medusajs/framework/types"
import { seedStore } from "./lib/seed-store"
import { seedGames } from "./lib/seed-games"
import { seedAdmin, seedCustomers } from "./lib/seed-people"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { SearchTypes } from "@medusajs/framework/types"
import { GAME_LISTING_CHANGED } from "../modules/game/events"
import fs from "fs"
import path from "path"

export type SeedOptions = {
  games: number
  admin?: { email: string; password: string }
  now?: Date
  log?: (line: string) => void
}

export async function seedKstore(container: MedusaContainer, opts: SeedOptions) {
  const log = opts.log ?? (() => {})
  const store = await seedStore(container)
  log("seed: store, regions (KR, JP, US, EU, GB, BR), digital delivery and publishable key ready")
  const games = await seedGames(container, {
    count: opts.games,
    sales_channel_id: store.sales_channel_id,
    now: opts.now,
    progress: (done, total) => log(`seed: games ${done}/${total}`),
  })
  const customers = await seedCustomers(container)
  log(`seed: customers ${customers.total} (${customers.created} new)`)
  if (opts.admin) await seedAdmin(container, opts.admin.email, opts.admin.password)
  return { ...store, games, customers }
}

/**
 * `medusa exec` exits as soon as the script returns, which can cut off the search index's event
 * handling of the last games; so the script ingests the whole catalog itself, awaited. On a first
 * start the index has no active version yet: the server's start seeds it whole instead.
 */
async function indexCatalog(container: MedusaContainer) {
  const search = container.resolve<SearchTypes.ISearchModuleService | undefined>(Modules.SEARCH, { allowUnregistered: true })
  if (!search) return
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "game", fields: ["id"] })
  try {
    await search.ingest({ name: GAME_LISTING_CHANGED, data: { id: data.map((g: any) => g.id) } })
  } catch (e: any) {
    if (e?.type !== MedusaError.Types.NOT_FOUND) throw e
  }
}

export default async function seed({ container }: ExecArgs) {
  const count = Math.max(1, Number(process.env.KSTORE_SEED_GAMES || 240))
  const admin = {
    email: process.env.KSTORE_ADMIN_EMAIL || "admin@kstore.local",
    password: process.env.KSTORE_ADMIN_PASSWORD || "kstore-admin",
  }
  const started = Date.now()
  const result = await seedKstore(container, { games: count, admin, log: (l) => console.log(l) })
  await indexCatalog(container)
  console.log(
    `seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s — ${result.games.created} new of ${result.games.total} games`
  )
  // The start script reads this to print the storefront key.
  const dir = path.resolve(process.env.KSTORE_DATA_DIR || ".data")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(
    path.join(dir, "store.json"),
    JSON.stringify({ publishable_key: result.publishable_key, admin_email: admin.email }, null, 2)
  )
}
