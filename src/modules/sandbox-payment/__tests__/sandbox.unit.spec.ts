import { PaymentActions } from "@medusajs/framework/utils"
import { findMethod, maskAccount, methodsForCountry, triggerFor } from "../methods"
import { signWebhook, verifyWebhook } from "../webhook"
import SandboxPaymentProviderService from "../service"

describe("sandbox payment methods", () => {
  it("offers each country its own cards and wallets", () => {
    const ids = (c: string) => methodsForCountry(c).map((m) => m.id)
    expect(ids("KR")).toEqual(["card", "kakaopay", "naverpay", "tosspay"])
    expect(ids("jp")).toEqual(["card", "paypay", "konbini"])
    expect(ids("US")).toEqual(["card", "paypal"])
    expect(ids("NL")).toEqual(["card", "ideal", "sepa"])
    expect(ids("DE")).toEqual(["card", "sepa"])
    expect(ids("GB")).toEqual(["card"])
    expect(ids("BR")).toEqual(["card", "pix"])
    expect(ids("CH")).toEqual([])
  })

  it("refuses a method of another country", () => {
    expect(findMethod("DE", "ideal")).toBeNull()
    expect(findMethod("KR", "pix")).toBeNull()
    expect(findMethod("NL", "ideal")?.name).toBe("iDEAL")
  })

  it("has deterministic triggers on the last four digits of the account", () => {
    expect(triggerFor("4000 0000 0000 0002")).toBe("decline")
    expect(triggerFor("4000-0000-0000-3220")).toBe("authenticate")
    expect(triggerFor("010-1234-9995")).toBe("timeout")
    expect(triggerFor("4242 4242 4242 4242")).toBeNull()
    expect(triggerFor(undefined)).toBeNull()
  })

  it("keeps only the last four digits of an account, which still drive the triggers", () => {
    expect(maskAccount("4000 0000 0000 0002")).toBe("•••• 0002")
    expect(triggerFor(maskAccount("4000-0000-0000-3220"))).toBe("authenticate")
    expect(maskAccount("x")).toBe("••••")
    expect(maskAccount(undefined)).toBeUndefined()
  })
})

describe("sandbox webhooks", () => {
  const body = JSON.stringify({ type: "payment.succeeded", session_id: "payses_1", amount: 1000 })
  const now = 1_800_000_000

  it("accepts a fresh, correctly signed body", () => {
    expect(verifyWebhook("s3cret", body, signWebhook("s3cret", body, now), now + 10)).toEqual({ ok: true })
  })

  it("refuses a wrong secret, a changed body, an old timestamp and a missing header", () => {
    expect(verifyWebhook("other", body, signWebhook("s3cret", body, now), now)).toEqual({ ok: false, reason: "mismatch" })
    expect(verifyWebhook("s3cret", body + " ", signWebhook("s3cret", body, now), now)).toEqual({ ok: false, reason: "mismatch" })
    expect(verifyWebhook("s3cret", body, signWebhook("s3cret", body, now), now + 301)).toEqual({ ok: false, reason: "expired" })
    expect(verifyWebhook("s3cret", body, signWebhook("s3cret", body, now + 400), now)).toEqual({ ok: false, reason: "expired" })
    expect(verifyWebhook("s3cret", body, undefined, now)).toEqual({ ok: false, reason: "missing" })
    expect(verifyWebhook("s3cret", body, "t=abc,v1=zz", now)).toEqual({ ok: false, reason: "malformed" })
  })

  it("turns a signed settlement into a captured action, and ignores unsigned ones", async () => {
    const provider = new SandboxPaymentProviderService({}, { webhook_secret: "s3cret" })
    const signed = await provider.getWebhookActionAndData({
      data: JSON.parse(body),
      rawData: Buffer.from(body),
      headers: { "x-sandbox-signature": signWebhook("s3cret", body) },
    })
    expect(signed).toEqual({ action: PaymentActions.SUCCESSFUL, data: { session_id: "payses_1", amount: 1000 } })
    const forged = await provider.getWebhookActionAndData({
      data: JSON.parse(body),
      rawData: Buffer.from(body),
      headers: { "x-sandbox-signature": signWebhook("guess", body) },
    })
    expect(forged.action).toBe(PaymentActions.NOT_SUPPORTED)
  })
})
