import { refundDecision } from "../policy"
import { signDownload, verifyDownload } from "../../../modules/library/download-link"

const now = new Date("2026-12-20T12:00:00Z")

describe("refund policy", () => {
  it("refunds a pre-order any time before release", () => {
    expect(refundDecision({ release_at: "2027-01-01", purchased_at: "2026-01-01", play_minutes: 0, now }).allowed).toBe(true)
  })
  it("refunds a released game within 14 days of release or purchase and under 2 hours of play", () => {
    expect(refundDecision({ release_at: "2026-12-10", purchased_at: "2026-11-01", play_minutes: 119, now }).allowed).toBe(true)
    expect(refundDecision({ release_at: "2026-12-01", purchased_at: "2026-11-01", play_minutes: 0, now }).reason).toBe("refund_window_closed")
    expect(refundDecision({ release_at: "2026-01-01", purchased_at: "2026-12-15", play_minutes: 0, now }).allowed).toBe(true)
    expect(refundDecision({ release_at: "2026-12-10", purchased_at: "2026-12-10", play_minutes: 120, now }).reason).toBe("played_too_long")
  })
})

describe("download links", () => {
  it("verify while fresh and unchanged, and refuse tampering and expiry", () => {
    const t0 = Date.UTC(2026, 11, 20)
    const { token } = signDownload("ent_1", "cus_1", t0)
    expect(verifyDownload(token, t0 + 60_000)).toMatchObject({ ok: true, claim: { entitlement_id: "ent_1", customer_id: "cus_1" } })
    expect(verifyDownload(token, t0 + 16 * 60_000)).toEqual({ ok: false, reason: "expired" })
    const [payload, sig] = token.split(".")
    const forged = Buffer.from(JSON.stringify({ e: "ent_2", c: "cus_1", x: 9e9 })).toString("base64url")
    expect(verifyDownload(`${forged}.${sig}`, t0)).toEqual({ ok: false, reason: "bad_signature" })
    expect(verifyDownload(payload, t0)).toEqual({ ok: false, reason: "malformed" })
    expect(verifyDownload(`${token}.x`, t0)).toEqual({ ok: false, reason: "malformed" })
  })

  it("refuse a signature spelled differently even where it decodes to the same bytes", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    const { token } = signDownload("ent_1", "cus_1", Date.UTC(2026, 11, 20))
    const [payload, sig] = token.split(".")
    // 32 bytes take 43 characters; the last one's two low bits are padding.
    const last = alphabet.indexOf(sig[sig.length - 1])
    const respelled = sig.slice(0, -1) + alphabet[last ^ 1]
    expect(Buffer.from(respelled, "base64url")).toEqual(Buffer.from(sig, "base64url"))
    expect(verifyDownload(`${payload}.${respelled}`, Date.UTC(2026, 11, 20))).toEqual({ ok: false, reason: "bad_signature" })
  })
})
