import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { GAME_INDEX } from "../_game-fields"
import { countPublishedGames, indexedIds, publishedGameIds } from "./drift"

export type ReindexProgress = { done: number; total: number }

/**
 * Rebuilds the game index through the Search Module a page of games at a time (its `reindex` with
 * an id filter, which writes in place), so the caller can show progress; then removes documents
 * of games no longer sold, which a filtered rebuild cannot see. Readers keep being served
 * throughout: no document is dropped before its replacement is written.
 */
export async function reindexGames(container: MedusaContainer, onProgress: (p: ReindexProgress) => void = () => {}) {
  const search = container.resolve(Modules.SEARCH)
  const total = await countPublishedGames(container)
  const sold = new Set<string>()
  onProgress({ done: 0, total })
  for await (const ids of publishedGameIds(container)) {
    await search.reindex({ index: GAME_INDEX, filters: { id: ids } })
    for (const id of ids) sold.add(id)
    onProgress({ done: Math.min(sold.size, total), total: Math.max(sold.size, total) })
  }
  // What the index holds beyond the games just written: no longer sold, or gone.
  const stale = [...(await indexedIds(container))].filter((id) => !sold.has(id))
  if (stale.length) await search.deleteDocuments({ index: GAME_INDEX, filters: { id: { $in: stale } } })
  return { indexed: sold.size, removed: stale.length }
}

/** A one-line bar for a terminal: `[#######.....]  350/1000  35%`. */
export function progressBar({ done, total }: ReindexProgress, width = 30) {
  const share = total ? done / total : 1
  const filled = Math.round(share * width)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} ${Math.round(share * 100)}%`
}
