import type { MedusaRequest } from "@medusajs/framework/http"

let geoip: { lookup(ip: string): { country: string } | null } | null = null

/** The country of an IP address, or null for private/unknown addresses. A hint, never a legal check. */
export function countryFromIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  geoip ??= require("geoip-country")
  const hit = geoip!.lookup(ip.replace(/^::ffff:/, ""))
  return hit?.country ?? null
}

/** First hop of X-Forwarded-For (set by the load balancer), else the socket address. */
export function clientIp(req: MedusaRequest): string | null {
  const forwarded = req.headers["x-forwarded-for"]
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim()
  return first || req.socket?.remoteAddress || null
}
