import { createHmac, timingSafeEqual } from "crypto"
import { signingKey } from "../../signing-key"
import { storefrontLink } from "./links"
import type { MailTopic } from "./service"

const PURPOSE = "mail-unsubscribe"
const TOPICS: MailTopic[] = ["new-releases"]

const key = () => signingKey(PURPOSE, "MAIL_UNSUBSCRIBE_SECRET")
const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url")

/**
 * An unsubscribe token: the player and the topic, signed. It does not expire — a mail read a year
 * later must still stop the next one — and it can do nothing but opt its own player out.
 */
export function signUnsubscribe(customerId: string, topic: MailTopic) {
  const payload = Buffer.from(JSON.stringify({ p: PURPOSE, c: customerId, t: topic })).toString("base64url")
  return `${payload}.${sign(payload)}`
}

export function verifyUnsubscribe(token: string): { customer_id: string; topic: MailTopic } | null {
  const parts = String(token).split(".")
  const [payload, sig] = parts
  if (parts.length !== 2 || !payload || !sig) return null
  const expected = Buffer.from(sign(payload))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
    if (body.p !== PURPOSE || typeof body.c !== "string" || !TOPICS.includes(body.t)) return null
    return { customer_id: body.c, topic: body.t }
  } catch {
    return null
  }
}

/** The mailed link: the storefront's /unsubscribe page, which posts the token to the Store API. */
export const unsubscribeUrl = (token: string) => storefrontLink(`/unsubscribe?token=${encodeURIComponent(token)}`)

export const gamePageUrl = (handle: string) => storefrontLink(`/games/${encodeURIComponent(handle)}`)
