import path from "path"

/** What global-setup.ts hands the browser specs (a JSON file named by KSTORE_BROWSER_STATE). */
export type BrowserState = {
  /** Why the group is skipped (no Chromium); nothing else is set then. */
  skip?: string
  backendUrl: string
  storefrontUrl: string
  publishableKey: string
  adminToken: string
  /** Screenshots of failed tests, and the server's output (serverLog). */
  artifactsDir: string
  serverLog: string
  chromium: string
}

export const BROWSER_STATE_ENV = "KSTORE_BROWSER_STATE"
/** Debian's Chromium, as .ci/run installs it (KSTORE_CHROMIUM names another binary). */
export const CHROMIUM_PATH = process.env.KSTORE_CHROMIUM || "/usr/bin/chromium"
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
/**
 * Pictures of the key pages, kept after the run for a person to look at (not committed:
 * .gitignore). global-setup.ts empties it at the start of a run; global-teardown.ts names it.
 */
export const OUTPUT_DIR = path.resolve(__dirname, "../../test-output/browser")
