import { createHmac, timingSafeEqual } from "crypto"

export const SIGNATURE_HEADER = "x-sandbox-signature"
export const TOLERANCE_SECONDS = 300

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as the sandbox gateway signs. */
export function signWebhook(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")
  return `t=${timestamp},v1=${v1}`
}

export type VerifyResult = { ok: true } | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" }

export function verifyWebhook(
  secret: string,
  rawBody: string,
  header: string | string[] | undefined,
  now = Math.floor(Date.now() / 1000)
): VerifyResult {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return { ok: false, reason: "missing" }
  const parts = Object.fromEntries(value.split(",").map((p) => p.trim().split("=", 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return { ok: false, reason: "malformed" }
  if (Math.abs(now - t) > TOLERANCE_SECONDS) return { ok: false, reason: "expired" }
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest()
  return timingSafeEqual(expected, Buffer.from(parts.v1, "hex")) ? { ok: true } : { ok: false, reason: "mismatch" }
}
