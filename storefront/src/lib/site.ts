import { headers } from "next/headers"

/** The storefront's public origin: STOREFRONT_URL when set, else the request's host (for absolute OG URLs). */
export async function siteOrigin(): Promise<string> {
  const fromEnv = process.env["STOREFRONT_URL"]
  if (fromEnv) return fromEnv.replace(/\/+$/, "")
  const h = await headers()
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:8000"
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https")
  return `${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`
}
