import fs from "fs"
import path from "path"
import { dropDatabase, removeFolders, stopServer } from "./global-setup"
import { BROWSER_STATE_ENV, OUTPUT_DIR } from "./state"

/** Kills the group's server (its whole process group), drops its database and removes its temporary folders, whatever the tests did. */
export default async function globalTeardown() {
  const server = globalThis.__kstoreBrowserServer
  globalThis.__kstoreBrowserServer = undefined
  await stopServer(server)
  await dropDatabase(server)
  removeFolders(server)
  const shots = fs.existsSync(OUTPUT_DIR) ? fs.readdirSync(OUTPUT_DIR).filter((f) => f.endsWith(".png")) : []
  if (shots.length) console.log(`[browser] ${shots.length} page screenshots: ${OUTPUT_DIR}`)
  const stateFile = process.env[BROWSER_STATE_ENV]
  if (stateFile) fs.rmSync(path.dirname(stateFile), { recursive: true, force: true })
}
