import path from "node:path"
import type { NextConfig } from "next"
import createNextIntlPlugin from "next-intl/plugin"

// Language comes from a cookie or the country, not from the URL: next-intl without i18n routing.
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts")

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The monorepo root has its own lockfile; the storefront is built from this folder.
  turbopack: { root: path.join(__dirname, "..") },
  // npm start's build leaves type checking to `npm test` (tsc --noEmit over the storefront), which
  // saves the first start the time of a second type check.
  typescript: { ignoreBuildErrors: process.env.KSTORE_BUILD_SKIP_TYPECHECK === "1" },
}

export default withNextIntl(nextConfig)
