import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { PREORDER_MODULE } from "../../src/modules/preorder"
import { LIBRARY_MODULE } from "../../src/modules/library"
import { SIGNATURE_HEADER, signWebhook } from "../../src/modules/sandbox-payment/webhook"
import { expireAwaitingPreorders } from "../../src/workflows/preorder/settle-async-payment"

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
      const email = `a-${Math.random().toString(36).slice(2)}@example.com`
      const { customer, token } = await signUpPlayer(api, pk, email, country)
      if (points) {
        await getContainer()
          .resolve<PointsModuleService>(POINTS_MODULE)
          .post({ customer_id: customer.id, kind: "earn", points, idempotency_key: `seed:${customer.id}` })
      }
      return { customer, email, h: storeHeaders(pk, token) }
    }
    const record = (id: string) => getContainer().resolve<any>(PREORDER_MODULE).retrievePreorder(id)
    const until = async (id: string, ok: (status: string) => boolean, ms = 30_000) => {
      for (const end = Date.now() + ms; Date.now() < end; ) {
        const r = await record(id)
        if (ok(r.status)) return r
        await new Promise((res) => setTimeout(res, 100))
      }
      return record(id)
    }
    const order = async (k: string, p: any, method: string, points = 0) => {
      const { data } = await api.post(
        "/store/preorders",
        { game_id: gameId, points, payment: { method } },
        { headers: { ...p.h.headers, "idempotency-key": k } }
      )
      return until(data.preorder.id, (s) => s !== "pending")
    }
    const balance = (id: string) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(id)
    const owned = (id: string) => getContainer().resolve<any>(LIBRARY_MODULE).listEntitlements({ customer_id: id, status: "active" })
    const captures = async (collectionId: string) =>
      (await getContainer().resolve(Modules.PAYMENT).listPayments({ payment_collection_id: collectionId } as any, { relations: ["captures"] }))
        .flatMap((p: any) => p.captures)
    const orderStatus = async (id: string) =>
      (await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["status"], filters: { id } })).data[0].status

    it("waits for a konbini payment, then completes the pre-order when the signed webhook says it was paid", async () => {
      const p = await player("JP", 1000)
      const waiting = await order(`konbini-${p.customer.id}`, p, "konbini", 1000)
      expect(waiting.status).toBe("awaiting_payment")
      const { data } = await api.get(`/store/preorders/${waiting.id}`, p.h)
      expect(data.preorder.payment_instructions).toMatchObject({ type: "konbini", payment_number: expect.stringMatching(/^\d{12}$/) })
      expect(await balance(p.customer.id)).toBe(0)
      expect(await owned(p.customer.id)).toHaveLength(0)
      expect(await sentTemplates(getContainer(), p.email)).toEqual(["preorder-awaiting-payment"])

      const paid = await api.post(`/store/preorders/${waiting.id}/sandbox-payment`, { outcome: "paid" }, p.h)
      expect([paid.status, paid.data.webhook_status]).toEqual([202, 200])
      const done = await until(waiting.id, (s) => s === "completed")
      expect(done.status).toBe("completed")
      expect(await captures(done.payment_collection_id)).toHaveLength(1)
      expect(await owned(p.customer.id)).toHaveLength(1)
      expect(await orderStatus(done.order_id)).toBe("completed")
      // ¥6000 cash at 5% → 300 points, after 1000 points paid ¥1000.
      expect([done.points_earned, await balance(p.customer.id)]).toEqual([300, 300])
    })

    it("undoes a Pix pre-order when the provider reports the payment failed", async () => {
      const p = await player("BR", 200)
      const waiting = await order(`pix-${p.customer.id}`, p, "pix", 200)
      expect(waiting.status).toBe("awaiting_payment")
      expect(await balance(p.customer.id)).toBe(0)
      await api.post(`/store/preorders/${waiting.id}/sandbox-payment`, { outcome: "failed" }, p.h)
      const failed = await until(waiting.id, (s) => s === "failed")
      expect([failed.status, failed.failure_reason]).toEqual(["failed", "payment_failed"])
      expect(await balance(p.customer.id)).toBe(200)
      expect(await orderStatus(failed.order_id)).toBe("canceled")
      expect(await captures(failed.payment_collection_id)).toHaveLength(0)
      expect(await owned(p.customer.id)).toHaveLength(0)
    })

    it("undoes a SEPA pre-order nobody paid once its payment window has closed", async () => {
      const p = await player("DE")
      const waiting = await order(`sepa-${p.customer.id}`, p, "sepa")
      expect(waiting.status).toBe("awaiting_payment")
      expect(await expireAwaitingPreorders(getContainer(), new Date(Date.now() + 24 * 3600e3))).toEqual([])
      const expired = await expireAwaitingPreorders(getContainer(), new Date(Date.now() + 6 * 24 * 3600e3))
      expect(expired).toEqual([{ id: waiting.id, action: "compensated" }])
      const r = await record(waiting.id)
      expect([r.status, r.failure_reason]).toEqual(["failed", "payment_expired"])
      expect(await orderStatus(r.order_id)).toBe("canceled")
      // Paying after the window changes nothing.
      expect((await failure(api.post(`/store/preorders/${r.id}/sandbox-payment`, { outcome: "paid" }, p.h))).data.code).toBe("not_awaiting_payment")
    })

    it("ignores a webhook with a bad signature, and refuses bad payer input", async () => {
      const p = await player("JP")
      const waiting = await order(`forged-${p.customer.id}`, p, "konbini")
      const [session] = await getContainer()
        .resolve(Modules.PAYMENT)
        .listPaymentSessions({ payment_collection_id: waiting.payment_collection_id } as any)
      const body = JSON.stringify({ type: "payment.succeeded", session_id: session.id, amount: 7000 })
      await api.post("/hooks/payment/sandbox_sandbox", body, {
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook("not-the-secret", body) },
      })
      await new Promise((r) => setTimeout(r, 7000))
      expect((await record(waiting.id)).status).toBe("awaiting_payment")
      expect(await captures(waiting.payment_collection_id)).toHaveLength(0)

      const bad = await failure(api.post(`/store/preorders/${waiting.id}/sandbox-payment`, { outcome: "maybe" }, p.h))
      expect(bad.status).toBe(400)
      const other = await player("JP")
      expect((await failure(api.post(`/store/preorders/${waiting.id}/sandbox-payment`, { outcome: "paid" }, other.h))).status).toBe(404)
    })
  },
})
