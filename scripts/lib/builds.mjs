// The production builds `npm start` serves and `npm test` checks: Medusa's admin dashboard and the
// Next.js storefront, each built once and reused until its sources change (build-cache.mjs).
import { spawn } from "node:child_process"
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { buildOnce } from "./build-cache.mjs"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
export const storefrontDir = path.join(root, "storefront")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")

export const hasStorefront = () => fs.existsSync(path.join(storefrontDir, "package.json"))

/** Next.js of the storefront workspace (hoisted to the root or kept in the workspace). */
export const nextBin = () =>
  path.join(path.dirname(createRequire(path.join(storefrontDir, "package.json")).resolve("next/package.json")), "dist", "bin", "next")

export function runCommand(bin, args, { env = process.env, cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: "inherit" })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args.join(" ")} exited with ${code}`))))
  })
}

/**
 * The admin dashboard as Medusa serves it in production: `medusa build --admin-only` writes it to
 * .medusa/admin and the server reads it from public/admin (linked there).
 */
export async function buildAdmin({ env, log }) {
  const output = path.join(root, ".medusa", "admin")
  await buildOnce({
    root,
    name: "admin dashboard",
    inputs: ["src/admin", "medusa-config.ts", "package-lock.json"],
    output,
    ready: path.join(output, "index.html"),
    build: () => runCommand(medusaBin, ["build", "--admin-only"], { env: { ...env, NODE_ENV: "production" } }),
    log,
  })
  const served = path.join(root, "public", "admin")
  const target = path.relative(path.dirname(served), output)
  fs.mkdirSync(path.dirname(served), { recursive: true })
  const linked = fs.lstatSync(served, { throwIfNoEntry: false })
  if (!linked?.isSymbolicLink() || fs.readlinkSync(served) !== target) {
    fs.rmSync(served, { recursive: true, force: true })
    fs.symlinkSync(target, served, "dir")
  }
}

export async function buildStorefront({ env, log }) {
  await buildOnce({
    root,
    name: "storefront",
    inputs: ["storefront", "package-lock.json"],
    output: path.join(storefrontDir, ".next"),
    ready: path.join(storefrontDir, ".next", "BUILD_ID"),
    build: () =>
      runCommand(process.execPath, [nextBin(), "build"], {
        // Types are checked by tsc (npm test), not a second time inside next build.
        env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", KSTORE_BUILD_SKIP_TYPECHECK: "1" },
        cwd: storefrontDir,
      }),
    log,
  })
}
