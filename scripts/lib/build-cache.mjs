// Production builds made once and reused until what they are built from changes: a content hash
// of the sources (and of the lock file, for dependency changes) is kept beside the build output.
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

const SKIP = new Set(["node_modules", ".next", ".git", ".data", ".medusa", "dist", "build", "coverage"])

function* filesBelow(entry) {
  if (!fs.existsSync(entry)) return
  const stat = fs.statSync(entry)
  if (stat.isFile()) {
    yield entry
    return
  }
  for (const name of fs.readdirSync(entry).sort()) {
    if (SKIP.has(name)) continue
    yield* filesBelow(path.join(entry, name))
  }
}

/** One hash over the paths and contents of every file below `inputs` (files or folders). */
export function sourceHash(root, inputs) {
  const hash = crypto.createHash("sha256")
  for (const input of inputs) {
    for (const file of filesBelow(path.resolve(root, input))) {
      hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0")
    }
  }
  return hash.digest("hex")
}

/**
 * Runs `build` unless `output` holds a build of the same sources (its stamp file names their hash
 * and `ready` is there). Returns whether it built. A build that fails leaves no stamp behind.
 */
export async function buildOnce({ root, name, inputs, output, ready, stamp = path.join(output, ".kstore-build"), build, log }) {
  const hash = sourceHash(root, inputs)
  const fresh = fs.existsSync(ready) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === hash
  if (fresh) {
    log(`${name}: reusing the build (sources unchanged)`)
    return false
  }
  fs.rmSync(stamp, { force: true })
  const t0 = Date.now()
  log(`${name}: building…`)
  await build()
  if (!fs.existsSync(ready)) throw new Error(`${name}: the build wrote no ${path.relative(root, ready)}`)
  fs.mkdirSync(path.dirname(stamp), { recursive: true })
  fs.writeFileSync(stamp, `${hash}\n`)
  log(`${name}: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
  return true
}
