import type { ExecArgs } from "@medusajs/framework/types"
import { progressBar, reindexGames } from "../search/maintenance/reindex"

/** `npm run search:reindex`: the whole game index rebuilt from the database, with a progress bar. */
export default async function searchReindex({ container }: ExecArgs) {
  const tty = process.stdout.isTTY
  const { indexed, removed } = await reindexGames(container, (p) => {
    if (tty) process.stdout.write(`\r${progressBar(p)}`)
    else if (p.done === p.total || p.done % 1000 === 0) console.log(progressBar(p))
  })
  if (tty) process.stdout.write("\n")
  console.log(`search: ${indexed} games indexed, ${removed} stale documents removed`)
}
