import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { LIBRARY_MODULE } from "../../src/modules/library"
import { SIGNATURE_HEADER, signWebhook } from "../../src/modules/sandbox-payment/webhook"
import { expireAwaitingPurchases } from "../../src/workflows/purchase/settle-deferred"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let gameId: string

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 3)).publishable_key
      gameId = (
        await createGame(api, await adminHeaders(api), {
          title: "Slow Mail",
          prices: [
            { currency_code: "jpy", amount: 7000 },
            { currency_code: "brl", amount: 250 },
            { currency_code: "eur", amount: 50 },
          ],
          service_countries: ["JP", "BR", "DE"],
          release_in_days: 40,
          preorder_enabled: true,
        })
      ).id
    })

    const player = async (country: string, points = 0) => {
      const email = `d-${Math.random().toString(36).slice(2)}@example.com`
      const { customer, token } = await signUpPlayer(api, pk, email, country)
      if (points) {
        await getContainer()
          .resolve<PointsModuleService>(POINTS_MODULE)
          .post({ customer_id: customer.id, kind: "earn", points, idempotency_key: `seed:${customer.id}` })
      }
      return { customer, email, h: storeHeaders(pk, token) }
    }
    const read = async (p: any, id: string) => (await api.get(`/store/purchases/${id}`, p.h)).data.purchase
    const until = async (p: any, id: string, ok: (status: string) => boolean, ms = 30_000) => {
      for (const end = Date.now() + ms; Date.now() < end; ) {
        const r = await read(p, id)
        if (ok(r.status)) return r
        await new Promise((res) => setTimeout(res, 150))
      }
      return read(p, id)
    }
    const buy = async (p: any, method: string, points = 0) => {
      const { data } = await api.post(
        "/store/purchases",
        { game_ids: [gameId], points, payment: { method } },
        { headers: { ...p.h.headers, "idempotency-key": `deferred-${p.customer.id}` } }
      )
      return until(p, data.purchase.id, (s) => s !== "pending")
    }
    const balance = (id: string) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(id)
    const owned = (id: string) => getContainer().resolve<any>(LIBRARY_MODULE).listEntitlements({ customer_id: id, status: "active" })
    const orderOf = async (id: string) =>
      (
        await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({
          entity: "order",
          fields: ["status", "payment_collections.payments.captures.id", "transactions.reference"],
          filters: { id },
        })
      ).data[0] as any
    const orderCount = async () => (await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id"] })).data.length

    it("waits for a konbini payment with the order placed, then completes when the signed webhook says it was paid", async () => {
      const p = await player("JP", 1000)
      const waiting = await buy(p, "konbini", 1000)
      expect(waiting.status).toBe("awaiting_payment")
      expect(waiting.payment_instructions).toMatchObject({ type: "konbini", payment_number: expect.stringMatching(/^\d{12}$/) })
      expect(new Date(waiting.payment_due_at).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3600e3)
      expect(waiting.order_id).toBeTruthy()
      expect((await orderOf(waiting.order_id)).status).toBe("pending")
      expect(await balance(p.customer.id)).toBe(0)
      expect(await owned(p.customer.id)).toHaveLength(0)
      expect(await sentTemplates(getContainer(), p.email)).toEqual(["purchase-awaiting-payment"])

      // The Host a caller sends picks no target: the webhook is handed to Medusa in-process, so a
      // hostile Host neither receives a request nor breaks the payment.
      const paid = await api.post(`/store/purchases/${waiting.id}/sandbox-payment`, { outcome: "paid" }, {
        headers: { ...p.h.headers, host: "attacker.invalid:9" },
      })
      expect(paid.status).toBe(202)
      const done = await until(p, waiting.id, (s) => s === "completed")
      expect(done.status).toBe("completed")
      const order = await orderOf(done.order_id)
      expect(order.status).toBe("completed")
      expect(order.payment_collections[0].payments[0].captures).toHaveLength(1)
      expect(order.transactions.map((t: any) => t.reference)).toEqual(["capture"])
      expect(await owned(p.customer.id)).toHaveLength(1)
      // ¥6000 cash at 5% → 300 points, after 1000 points paid ¥1000.
      expect([done.points_earned, await balance(p.customer.id)]).toEqual([300, 300])
      expect(await sentTemplates(getContainer(), p.email)).toContain("purchase-confirmed")
    })

    it("undoes a Pix purchase when the provider reports the payment failed", async () => {
      const p = await player("BR", 200)
      const waiting = await buy(p, "pix", 200)
      expect(waiting.status).toBe("awaiting_payment")
      expect(await balance(p.customer.id)).toBe(0)
      await api.post(`/store/purchases/${waiting.id}/sandbox-payment`, { outcome: "failed" }, p.h)
      const failed = await until(p, waiting.id, (s) => s === "failed")
      expect([failed.status, failed.failure_reason]).toEqual(["failed", "payment_failed"])
      expect(await balance(p.customer.id)).toBe(200)
      expect(await owned(p.customer.id)).toHaveLength(0)
      expect(await sentTemplates(getContainer(), p.email)).toContain("purchase-failed")
    })

    it("undoes a SEPA purchase nobody paid once its payment window has closed; paying later changes nothing", async () => {
      const p = await player("DE")
      const before = await orderCount()
      const waiting = await buy(p, "sepa")
      expect(waiting.status).toBe("awaiting_payment")
      expect(await expireAwaitingPurchases(getContainer(), new Date(Date.now() + 24 * 3600e3))).toEqual([])
      expect(await expireAwaitingPurchases(getContainer(), new Date(Date.now() + 6 * 24 * 3600e3))).toEqual([waiting.id])
      const r = await until(p, waiting.id, (s) => s === "failed")
      expect([r.status, r.failure_reason]).toEqual(["failed", "payment_expired"])
      // Medusa's own compensation of the completion takes the placed order back.
      expect(await orderCount()).toBe(before)
      const late = await failure(api.post(`/store/purchases/${r.id}/sandbox-payment`, { outcome: "paid" }, p.h))
      expect([late.status, late.data.code]).toEqual([400, "not_awaiting_payment"])
    })

    it("ignores a webhook with a bad signature, and refuses bad payer input", async () => {
      const p = await player("JP")
      const waiting = await buy(p, "konbini")
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [cart] } = await query.graph({ entity: "cart", fields: ["payment_collection.payment_sessions.id"], filters: { id: waiting.cart_id } })
      const session = (cart as any).payment_collection.payment_sessions[0]
      const body = JSON.stringify({ type: "payment.succeeded", session_id: session.id, amount: 7000 })
      await api.post("/hooks/payment/sandbox_sandbox", body, {
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook("not-the-secret", body) },
      })
      await new Promise((r) => setTimeout(r, 7000))
      expect((await read(p, waiting.id)).status).toBe("awaiting_payment")
      expect(await getContainer().resolve(Modules.PAYMENT).listPayments({ payment_session_id: session.id } as any)).toHaveLength(0)

      const bad = await failure(api.post(`/store/purchases/${waiting.id}/sandbox-payment`, { outcome: "maybe" }, p.h))
      expect(bad.status).toBe(400)
      const other = await player("JP")
      expect((await failure(api.post(`/store/purchases/${waiting.id}/sandbox-payment`, { outcome: "paid" }, other.h))).status).toBe(404)
      // Settle it, so no saga is left waiting when the suite ends.
      await api.post(`/store/purchases/${waiting.id}/sandbox-payment`, { outcome: "failed" }, p.h)
      expect((await until(p, waiting.id, (s) => s === "failed")).status).toBe("failed")
    })
  },
})
