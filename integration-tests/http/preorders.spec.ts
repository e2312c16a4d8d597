import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, failure, gameBody, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { PREORDER_MODULE } from "../../src/modules/preorder"
import type PreorderModuleService from "../../src/modules/preorder/service"
import { releaseGamesWorkflow } from "../../src/workflows/release/release-games"
import { signDownload } from "../../src/lib/download-link"
import { armFault, disarmFaults } from "../../src/lib/faults"
import { retryDueRefunds } from "../../src/workflows/refund/start-refund"
import { flushMail } from "../../src/lib/mail-outbox"
import { sendMail } from "../../src/workflows/preorder/steps/send-mail"

jest.setTimeout(180 * 1000)

const upcoming = (title: string, extra: Record<string, unknown> = {}) =>
  gameBody({
    title,
    prices: [
      { currency_code: "krw", amount: 66000 },
      { currency_code: "usd", amount: 59.99 },
    ],
    service_countries: ["KR", "US"],
    preorder_enabled: true,
    ...extra,
  })
const CARD = { method: "card", account: "4242 4242 4242 4242" }

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, utils }) => {
    let pk: string
    let admin: any
    let gameId: string
    let secondGameId: string

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      const a = await adminHeaders(api)
      gameId = (await api.post("/admin/games", upcoming("Preorder Quest"), a)).data.game.id
      secondGameId = (await api.post("/admin/games", upcoming("Preorder Quest II"), a)).data.game.id
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    const player = async (country: string, points = 0) => {
      const email = `p-${Math.random().toString(36).slice(2)}@example.com`
      const { customer, token } = await signUpPlayer(api, pk, email, country)
      if (points) {
        await getContainer()
          .resolve<PointsModuleService>(POINTS_MODULE)
          .post({ customer_id: customer.id, kind: "earn", points, idempotency_key: `seed:${customer.id}` })
      }
      return { customer, token, email, h: storeHeaders(pk, token) }
    }
    const preorder = (h: any, body: any, key = `k-${Math.random().toString(36).slice(2)}`) =>
      api.post("/store/preorders", body, { headers: { ...h.headers, "idempotency-key": key } })
    const settled = async (h: any, id: string) => {
      for (let i = 0; i < 6; i++) {
        const { data } = await api.get(`/store/preorders/${id}?wait=10`, h)
        if (data.preorder.status !== "pending") {
          // Let the saga's last steps (mail) and the failure handler finish before the test moves on.
          await utils.waitWorkflowExecutions()
          await new Promise((r) => setTimeout(r, 200))
          return (await api.get(`/store/preorders/${id}`, h)).data.preorder
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`pre-order ${id} still pending`)
    }
    const balance = (customerId: string) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(customerId)
    const mails = (to: string) => sentTemplates(getContainer(), to)
    const inApp = (customerId: string) => sentTemplates(getContainer(), customerId, "feed")
    const order = async (id: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      return (await query.graph({ entity: "order", fields: ["id", "status", "total", "payment_collections.id"], filters: { id } })).data[0]
    }

    it("pre-orders with points and a card: order, capture, points, library and mail", async () => {
      const p = await player("KR", 1000)
      const { status, data } = await preorder(p.h, { game_id: gameId, points: 500, payment: CARD, currency_code: "krw", expected_total: 66000 })
      expect(status).toBe(202)
      expect(data.preorder).toMatchObject({ status: "pending", total: 66000, points_used: 500, cash_amount: 61000 })
      const done = await settled(p.h, data.preorder.id)
      expect(done).toMatchObject({ status: "completed", points_earned: 305 })
      expect(await balance(p.customer.id)).toBe(1000 - 500 + 305)
      const o = await order(done.order_id)
      expect([o.status, Number(o.total)]).toEqual(["completed", 66000])
      expect(o.payment_collections).toHaveLength(1)
      const { data: lib } = await api.get("/store/library", p.h)
      expect(lib.library).toEqual([expect.objectContaining({ game_id: gameId, status: "preordered", source: "preorder" })])
      expect(await mails(p.email)).toEqual(["preorder-confirmed"])
      expect(await inApp(p.customer.id)).toEqual(["preorder-confirmed"])
    })

    it("shows the player their own in-app notifications, newest first", async () => {
      const p = await player("KR", 0)
      const other = await player("KR", 0)
      const { data } = await preorder(p.h, { game_id: gameId, payment: CARD })
      expect(await settled(p.h, data.preorder.id)).toMatchObject({ status: "completed" })
      const declined = await preorder(other.h, { game_id: gameId, payment: { method: "card", account: "4000 0000 0000 0002" } })
      expect(await settled(other.h, declined.data.preorder.id)).toMatchObject({ status: "failed" })
      expect(await inApp(p.customer.id)).toEqual(["preorder-confirmed"])

      const { data: mine } = await api.get("/store/notifications", p.h)
      expect(mine).toMatchObject({ count: 1, limit: 20, offset: 0 })
      expect(mine.notifications[0]).toMatchObject({
        template: "preorder-confirmed",
        subject: expect.stringMatching(/^Pre-order confirmed: /),
        data: expect.objectContaining({ preorder_id: data.preorder.id, game_id: gameId, cash_amount: 66000 }),
      })
      // The quote's payer input (method, masked account) is not mail data.
      expect(mine.notifications[0].data).not.toHaveProperty("payment")
      expect(mine.notifications[0].data).not.toHaveProperty("customer_id")

      const { data: theirs } = await api.get("/store/notifications?limit=5", other.h)
      expect(theirs.notifications.map((n: any) => [n.template, n.data.reason, n.subject])).toEqual([
        ["preorder-failed", "declined", "Your pre-order of Preorder Quest did not go through"],
      ])
      expect((await failure(api.get("/store/notifications?limit=0", p.h))).status).toBe(400)
      expect((await failure(api.get("/store/notifications", storeHeaders(pk)))).status).toBe(401)

      // Staff read the same mail as it was sent (the admin's Mail page lists these).
      const { data: stored } = await api.get(`/admin/notifications?channel=email&to=${encodeURIComponent(p.email)}`, admin)
      expect(stored.notifications).toEqual([
        expect.objectContaining({
          to: p.email,
          template: "preorder-confirmed",
          data: expect.objectContaining({ subject: "Pre-order confirmed: Preorder Quest", text: expect.stringContaining("Paid: ₩66,000.") }),
        }),
      ])
    })

    it("keeps no card number anywhere: only its last four digits", async () => {
      const p = await player("KR", 0)
      const { data } = await preorder(p.h, { game_id: gameId, payment: { method: "card", account: "5555 4444 3333 1111" } })
      const done = await settled(p.h, data.preorder.id)
      expect(done).toMatchObject({ status: "completed" })
      await sentTemplates(getContainer(), p.email)
      const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const tables = ["preorder", "payment_session", "payment", "sandbox_gateway_request", "sandbox_gateway_charge", "workflow_execution", "notification", "mail_outbox"]
      for (const table of tables) {
        const { rows } = await db.raw(`select count(*)::int n from ${table} t where row_to_json(t)::text ~ '5555.?4444.?3333'`)
        expect([table, rows[0].n]).toEqual([table, 0])
      }
      const { rows } = await db.raw(`select quote from preorder where id = ?`, [done.id])
      expect(rows[0].quote.payment).toEqual({ method: "card", account: "•••• 1111" })
    })

    it("sends queued mails through the outbox in one batch, once, however often they are queued", async () => {
      const c = getContainer()
      await flushMail(c)
      const to = `batch-${Math.random().toString(36).slice(2)}@example.com`
      const mail = (i: number) =>
        sendMail(c, { to, customer_id: "cus_batch", template: "preorder-confirmed", idempotency_key: `batch:${to}:${i}`, data: { title: `Game ${i}`, total: 10, cash_amount: 10, points_used: 0, points_earned: 0, currency_code: "usd" } })
      await Promise.all([0, 1, 2, 0, 1].map(mail))
      const notifications = c.resolve(Modules.NOTIFICATION)
      const create = jest.spyOn(notifications, "createNotifications")
      try {
        expect(await flushMail(c)).toBe(3)
        expect(create).toHaveBeenCalledTimes(1)
        expect(await flushMail(c)).toBe(0)
        await mail(2)
        expect(await flushMail(c)).toBe(0)
      } finally {
        create.mockRestore()
      }
      const sent = await notifications.listNotifications({ to })
      expect(sent.map((n: any) => n.data.title).sort()).toEqual(["Game 0", "Game 1", "Game 2"])
      expect(sent.every((n: any) => n.status === "success")).toBe(true)
      expect(await sentTemplates(c, "cus_batch", "feed")).toHaveLength(3)
    })

    it("answers a status request with ?wait= as soon as the pre-order settles", async () => {
      const p = await player("US")
      const { data } = await preorder(p.h, { game_id: gameId, payment: CARD })
      const t0 = Date.now()
      const { data: waited } = await api.get(`/store/preorders/${data.preorder.id}?wait=10`, p.h)
      expect(waited.preorder.status).toBe("completed")
      expect(Date.now() - t0).toBeLessThan(9000)
    })

    it("pays fully with points", async () => {
      const p = await player("KR", 7000)
      const { data } = await preorder(p.h, { game_id: gameId, points: 6600 })
      const done = await settled(p.h, data.preorder.id)
      expect(done).toMatchObject({ status: "completed", cash_amount: 0, points_earned: 0 })
      expect(await balance(p.customer.id)).toBe(400)
      expect((await order(done.order_id)).payment_collections ?? []).toHaveLength(0)
    })

    it.each([
      ["declined", "4000 0000 0000 0002"],
      ["timeout", "4000 0000 0000 9995"],
      ["authentication_required", "4000 0000 0000 3220"],
    ])("tells the player why a payment failed (%s) and restores everything", async (reason, account) => {
      const p = await player("US", 800)
      const { data } = await preorder(p.h, { game_id: gameId, points: 300, payment: { method: "card", account } })
      const done = await settled(p.h, data.preorder.id)
      expect(done).toMatchObject({ status: "failed", failure_reason: reason })
      const entries = await getContainer().resolve<PointsModuleService>(POINTS_MODULE).listPointsEntries({ customer_id: p.customer.id })
      expect(entries.map((e: any) => e.kind).sort()).toEqual(["earn", "hold", "release"])
      expect(await balance(p.customer.id)).toBe(800)
      expect((await order(done.order_id)).status).toBe("canceled")
      expect((await api.get("/store/library", p.h)).data.library).toEqual([])
      expect(await mails(p.email)).toEqual(["preorder-failed"])
      expect(await inApp(p.customer.id)).toEqual(["preorder-failed"])
    })

    it.each([
      ["a method of another country", { payment: { method: "kakaopay" } }, 400, "unknown_payment_method"],
      ["more points than the balance", { points: 5000, payment: CARD }, 400, "insufficient_points"],
      ["negative points", { points: -5, payment: CARD }, 400, undefined],
      ["the wrong currency", { currency_code: "krw", payment: CARD }, 400, "wrong_currency"],
      ["an expired price", { expected_total: 49.99, payment: CARD }, 409, "price_changed"],
    ])("refuses %s with a 4xx and writes nothing", async (_n, body: any, status, code) => {
      const p = await player("US", 100)
      const res = await failure(preorder(p.h, { game_id: gameId, ...body }))
      expect(res.status).toBe(status)
      if (code) expect(res.data.code).toBe(code)
      expect(await getContainer().resolve<any>(PREORDER_MODULE).listPreorders({ customer_id: p.customer.id })).toHaveLength(0)
      expect(await balance(p.customer.id)).toBe(100)
    })

    it("refuses a game not sold in the residence country, an owned game and a closed pre-order", async () => {
      const de = await player("DE")
      expect((await failure(preorder(de.h, { game_id: gameId, payment: { method: "card" } }))).data.code).toBe("country_not_served")

      const kr = await player("KR")
      const first = await preorder(kr.h, { game_id: secondGameId, payment: CARD })
      await settled(kr.h, first.data.preorder.id)
      const again = await failure(preorder(kr.h, { game_id: secondGameId, payment: CARD }))
      expect([again.status, again.data.code]).toEqual([409, "already_owned"])

      const { data } = await api.post("/admin/games", upcoming("Already Out", { release_at: "2024-01-01" }), admin)
      const closed = await failure(preorder(kr.h, { game_id: data.game.id, payment: CARD }))
      expect(closed.data.code).toBe("preorder_closed")
      expect((await failure(api.post("/store/preorders", { game_id: gameId }, kr.h))).data.message).toMatch(/Idempotency-Key/)

      const { data: wonOnly } = await api.post("/admin/games", { ...upcoming("Won Only"), prices: [{ currency_code: "krw", amount: 50000 }] }, admin)
      const us = await player("US")
      const unpriced = await failure(preorder(us.h, { game_id: wonOnly.game.id, payment: CARD }))
      expect([unpriced.status, unpriced.data.code]).toEqual([403, "no_price_in_region"])
      const pending = await getContainer().resolve<PreorderModuleService>(PREORDER_MODULE).listPreorders({ customer_id: us.customer.id })
      expect(pending).toHaveLength(0)
    })

    it("turns 50 parallel requests with one idempotency key into one order and one capture", async () => {
      const p = await player("US")
      const results = await Promise.all(Array.from({ length: 50 }, () => preorder(p.h, { game_id: gameId, payment: CARD }, "same-key-123")))
      const ids = new Set(results.map((r: any) => r.data.preorder.id))
      expect(ids.size).toBe(1)
      expect(results.every((r: any) => r.status === 202)).toBe(true)
      const done = await settled(p.h, [...ids][0] as string)
      expect(done.status).toBe("completed")
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { customer_id: p.customer.id } })
      expect(orders).toHaveLength(1)
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const charges = await knex("sandbox_gateway_charge").where({ status: "captured" }).andWhere("amount", 59.99)
      const { data: pcs } = await query.graph({
        entity: "order",
        fields: ["payment_collections.*", "payment_collections.payments.*", "payment_collections.payments.captures.id"],
        filters: { id: done.order_id },
      })
      const [collection] = (pcs[0] as any).payment_collections
      expect((pcs[0] as any).payment_collections).toHaveLength(1)
      expect(collection.payments.flatMap((p: any) => p.captures)).toHaveLength(1)
      // Medusa's records of the pivot: what the admin shows and what a refund goes through.
      expect([collection.status, Number(collection.captured_amount), Number(collection.amount)]).toEqual(["completed", done.cash_amount, done.cash_amount])
      expect([collection.payments[0].provider_id, collection.payments[0].data.charge_id]).toEqual(["pp_sandbox_sandbox", charges[0].id])
      expect(charges).toHaveLength(1)
    })

    it("lets only one of two parallel pre-orders spend the same points", async () => {
      const p = await player("US", 1000)
      const [a, b] = await Promise.all([
        preorder(p.h, { game_id: gameId, points: 800, payment: CARD }),
        preorder(p.h, { game_id: secondGameId, points: 800, payment: CARD }),
      ])
      const results = [await settled(p.h, a.data.preorder.id), await settled(p.h, b.data.preorder.id)]
      expect(results.map((r) => r.status).sort()).toEqual(["completed", "failed"])
      expect(results.find((r) => r.status === "failed").failure_reason).toBe("insufficient_points")
      const earned = results.find((r) => r.status === "completed").points_earned
      expect(await balance(p.customer.id)).toBe(200 + earned)
    })
  
    describe("refund", () => {
      const gatewayCharge = async (orderId: string) => {
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["payment_collections.payments.data"], filters: { id: orderId } })
        const chargeId = (data[0] as any).payment_collections[0].payments[0].data.charge_id
        const [row] = await knex("sandbox_gateway_charge").where({ id: chargeId })
        return { captured: Number(row.captured), refunded: Number(row.refunded) }
      }
      const refund = (h: any, id: string) => api.post(`/store/preorders/${id}/refund`, {}, h)
      afterEach(() => disarmFaults())

      it("cancels order and payment together, restores spent points, takes back earned ones, empties the library", async () => {
        const p = await player("KR", 1000)
        const { data } = await preorder(p.h, { game_id: gameId, points: 500, payment: CARD })
        const done = await settled(p.h, data.preorder.id)
        expect(await balance(p.customer.id)).toBe(805)
        const res = await refund(p.h, done.id)
        expect([res.status, res.data.preorder.status]).toEqual([202, "refunding"])
        const after = await settled(p.h, done.id)
        expect(after).toMatchObject({ status: "refunded", refund_amount: 61000, refund_shortfall_points: 0, refund_failure: null })
        expect(await balance(p.customer.id)).toBe(1000)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 61000 })
        expect((await order(done.order_id)).status).toBe("canceled")
        expect((await api.get("/store/library", p.h)).data.library).toEqual([])
        expect(await mails(p.email)).toEqual(expect.arrayContaining(["preorder-confirmed", "preorder-refunded"]))
        const again = await failure(refund(p.h, done.id)).catch(() => null)
        expect(again === null || again.status === 202).toBe(true)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 61000 })
      })

      it("settles earned points the player already spent by deducting their value from the cash refund", async () => {
        const p = await player("US")
        const { data } = await preorder(p.h, { game_id: gameId, payment: CARD })
        const done = await settled(p.h, data.preorder.id)
        expect(done.points_earned).toBe(299)
        const points = getContainer().resolve<PointsModuleService>(POINTS_MODULE)
        await points.post({ customer_id: p.customer.id, kind: "spend", points: 200, idempotency_key: `spend:${p.customer.id}` })
        await refund(p.h, done.id)
        const after = await settled(p.h, done.id)
        expect(after).toMatchObject({ status: "refunded", refund_shortfall_points: 200, refund_amount: 57.99 })
        expect(await balance(p.customer.id)).toBe(0)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 59.99, refunded: 57.99 })
      })

      it("refunds once when refund requests arrive in parallel", async () => {
        const p = await player("US")
        const { data } = await preorder(p.h, { game_id: gameId, payment: CARD })
        const done = await settled(p.h, data.preorder.id)
        const results = await Promise.all(Array.from({ length: 10 }, () => refund(p.h, done.id)))
        expect(results.every((r: any) => r.status === 202)).toBe(true)
        expect((await settled(p.h, done.id)).status).toBe("refunded")
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 59.99, refunded: 59.99 })
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: o } = await query.graph({ entity: "order", fields: ["payment_collections.payments.refunds.id"], filters: { id: done.order_id } })
        expect((o[0] as any).payment_collections[0].payments[0].refunds).toHaveLength(1)
      })

      it("keeps everything as it was when the provider refuses the refund, tells the player and alerts staff", async () => {
        const p = await player("KR", 1000)
        const { data } = await preorder(p.h, { game_id: gameId, points: 500, payment: { method: "kakaopay", account: "010-0000-4005" } })
        const done = await settled(p.h, data.preorder.id)
        expect(done.status).toBe("completed")
        await refund(p.h, done.id)
        let after = done
        for (let i = 0; i < 100; i++) {
          after = (await api.get(`/store/preorders/${done.id}`, p.h)).data.preorder
          if (after.refund_failure) break
          await new Promise((r) => setTimeout(r, 100))
        }
        await utils.waitWorkflowExecutions()
        after = (await api.get(`/store/preorders/${done.id}`, p.h)).data.preorder
        expect(after.status).toBe("completed")
        expect(after.refund_failure).toMatch(/refund/)
        expect(after.refund_attempts).toBe(1)
        expect(new Date(after.refund_retry_at).getTime()).toBeGreaterThan(Date.now())
        expect(await balance(p.customer.id)).toBe(805)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 0 })
        expect((await order(done.order_id)).status).toBe("completed")
        expect((await api.get("/store/library", p.h)).data.library).toHaveLength(1)
        expect(await mails(p.email)).toContain("refund-failed")
        const { data: alerts } = await api.get("/admin/refund-alerts", admin)
        expect(alerts.alerts.map((a: any) => a.preorder_id)).toContain(done.id)
      })

      const record = (id: string) => getContainer().resolve<any>(PREORDER_MODULE).retrievePreorder(id)
      const untilSettled = async (id: string) => {
        for (let i = 0; i < 300 && (await record(id)).status === "refunding"; i++) await new Promise((r) => setTimeout(r, 50))
        await utils.waitWorkflowExecutions()
        return record(id)
      }

      it("retries a refused refund with growing backoff, restoring and re-holding points each time, and staff can retry at once", async () => {
        const p = await player("KR", 1000)
        const { data } = await preorder(p.h, { game_id: gameId, points: 500, payment: { method: "kakaopay", account: "010-0000-4005" } })
        const done = await settled(p.h, data.preorder.id)
        await refund(p.h, done.id)
        const first = await untilSettled(done.id)
        expect([first.status, first.refund_attempts]).toEqual(["completed", 1])
        const wait1 = new Date(first.refund_retry_at).getTime() - Date.now()
        expect(wait1).toBeGreaterThan(50_000)
        expect(wait1).toBeLessThanOrEqual(60_000)

        // Not due yet: nothing runs. Due: the job tries again, fails again, waits longer.
        expect(await retryDueRefunds(getContainer())).toEqual([])
        const due = await retryDueRefunds(getContainer(), new Date(Date.now() + 61_000))
        expect(due.map((r) => r.id)).toEqual([done.id])
        await Promise.all(due.map((r) => r.settled))
        const second = await untilSettled(done.id)
        expect([second.status, second.refund_attempts]).toEqual(["completed", 2])
        expect(new Date(second.refund_retry_at).getTime() - Date.now()).toBeGreaterThan(4 * 60_000)

        const { data: alerts } = await api.get("/admin/refund-alerts", admin)
        expect(alerts.alerts.find((a: any) => a.preorder_id === done.id)).toMatchObject({ attempts: 2 })
        const staff = await api.post(`/admin/refund-alerts/${done.id}/retry`, {}, admin)
        expect([staff.status, staff.data.started]).toEqual([202, true])
        const third = await untilSettled(done.id)
        expect([third.status, third.refund_attempts]).toEqual(["completed", 3])

        // Each attempt restored the spent points and held them again: nothing gained, nothing lost.
        expect(await balance(p.customer.id)).toBe(805)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 0 })
        expect((await order(done.order_id)).status).toBe("completed")
        expect((await mails(p.email)).filter((t) => t === "refund-failed")).toHaveLength(3)
        expect((await failure(api.post(`/admin/refund-alerts/preord_nope/retry`, {}, admin))).status).toBe(404)
      })

      it("completes a refund on the retry after a failed attempt and clears the alert", async () => {
        const p = await player("KR", 1000)
        const { data } = await preorder(p.h, { game_id: gameId, points: 500, payment: CARD })
        const done = await settled(p.h, data.preorder.id)
        armFault("refund-preorder-payment:before", "timeout")
        await refund(p.h, done.id)
        const failed = await untilSettled(done.id)
        expect([failed.status, failed.refund_failure]).toEqual(["completed", expect.stringMatching(/^timeout/)])
        expect(await balance(p.customer.id)).toBe(805)
        const due = await retryDueRefunds(getContainer(), new Date(Date.now() + 61_000))
        await Promise.all(due.map((r) => r.settled))
        const after = await untilSettled(done.id)
        expect([after.status, after.refund_attempts, after.refund_failure, after.refund_retry_at]).toEqual(["refunded", 2, null, null])
        expect(await balance(p.customer.id)).toBe(1000)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 61000 })
        expect((await api.get("/admin/refund-alerts", admin)).data.alerts.map((a: any) => a.preorder_id)).not.toContain(done.id)
        expect((await failure(api.post(`/admin/refund-alerts/${done.id}/retry`, {}, admin))).data.code).toBe("no_failed_refund")
      })

      it("refuses refunding a failed pre-order and someone else's", async () => {
        const p = await player("US")
        const { data } = await preorder(p.h, { game_id: gameId, payment: { method: "card", account: "4000 0000 0000 0002" } })
        const done = await settled(p.h, data.preorder.id)
        expect((await failure(refund(p.h, done.id))).data.code).toBe("not_refundable")
        const other = await player("US")
        expect((await failure(refund(other.h, done.id))).status).toBe(404)
      })
    })
  
    describe("library, release day and downloads", () => {
      it("applies the staff pre-order price until release, then the normal price", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Discounted Dawn"), admin)
        const { data: pl } = await api.post(
          "/admin/price-lists",
          {
            title: "Pre-order discount",
            description: "Until release",
            type: "sale",
            status: "active",
            ends_at: g.game.release_at,
            prices: [{ variant_id: g.game.variant_id, currency_code: "usd", amount: 49.99 }],
          },
          admin
        )
        const p = await player("US")
        const page = await api.get(`/store/games/${g.game.id}`, p.h)
        expect(page.data.game.price).toMatchObject({ amount: 49.99, original_amount: 59.99 })
        const { data } = await preorder(p.h, { game_id: g.game.id, payment: CARD, expected_total: 49.99 })
        expect((await settled(p.h, data.preorder.id)).total).toBe(49.99)

        await api.post(`/admin/price-lists/${pl.price_list.id}`, { ends_at: new Date(Date.now() - 1000).toISOString() }, admin)
        const q = await player("US")
        const after = await failure(preorder(q.h, { game_id: g.game.id, payment: CARD, expected_total: 49.99 }))
        expect([after.status, after.data.code, after.data.message]).toEqual([409, "price_changed", expect.stringContaining("59.99")])
      })

      it("on release day closes the pre-order and mails every owner once", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Launch Day"), admin)
        const p = await player("KR")
        const { data } = await preorder(p.h, { game_id: g.game.id, payment: CARD })
        await settled(p.h, data.preorder.id)
        const releaseAt = new Date(g.game.release_at)
        await releaseGamesWorkflow(getContainer()).run({ input: { now: new Date(releaseAt.getTime() - 60_000) } })
        expect(await mails(p.email)).toEqual(["preorder-confirmed"])
        for (let i = 0; i < 2; i++) {
          await releaseGamesWorkflow(getContainer()).run({ input: { now: new Date(releaseAt.getTime() + 60_000) } })
        }
        expect((await mails(p.email)).sort()).toEqual(["game-released", "preorder-confirmed"])
        expect((await api.get(`/admin/games/${g.game.id}`, admin)).data.game.preorder_enabled).toBe(false)
        const late = await player("KR")
        expect((await failure(preorder(late.h, { game_id: g.game.id, payment: CARD }))).data.code).toBe("preorder_closed")
      })

      it("downloads only after release, for owners in a service country, through a signed expiring link", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Download Me", { download_asset: "kstore-assets://dl/1.0.zip" }), admin)
        const p = await player("KR")
        const { data } = await preorder(p.h, { game_id: g.game.id, payment: CARD })
        await settled(p.h, data.preorder.id)
        const [entry] = (await api.get("/store/library", p.h)).data.library
        expect(entry).toMatchObject({ status: "preordered", refund: { allowed: true, reason: null } })
        const early = await failure(api.post(`/store/library/${entry.id}/download`, {}, p.h))
        expect([early.status, early.data.code]).toEqual([403, "not_released"])

        await api.post(`/admin/games/${g.game.id}`, { release_at: new Date(Date.now() - 3600e3).toISOString() }, admin)
        const { data: link } = await api.post(`/store/library/${entry.id}/download`, {}, p.h)
        expect(new Date(link.download.expires_at).getTime()).toBeGreaterThan(Date.now())
        const { data: dl } = await api.get(link.download.url, storeHeaders(pk))
        expect(dl.download).toMatchObject({ game_id: g.game.id, asset: "kstore-assets://dl/1.0.zip" })

        const tampered = link.download.url.replace(/.$/, (c: string) => (c === "A" ? "B" : "A"))
        expect((await failure(api.get(tampered, storeHeaders(pk)))).data.code).toBe("link_bad_signature")
        const old = signDownload(entry.id, p.customer.id, Date.now() - 3600e3)
        expect((await failure(api.get(`/store/downloads/${old.token}`, storeHeaders(pk)))).data.code).toBe("link_expired")
        const stranger = await player("KR")
        expect((await failure(api.post(`/store/library/${entry.id}/download`, {}, stranger.h))).status).toBe(404)

        await api.post("/store/customers/me/residence", { country_code: "DE" }, p.h)
        expect((await failure(api.get(link.download.url, storeHeaders(pk)))).data.code).toBe("country_not_served")
      })

      it("refunds a released game only within 14 days and under 2 hours of play", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Play Limit"), admin)
        const p = await player("US")
        const { data } = await preorder(p.h, { game_id: g.game.id, payment: CARD })
        const done = await settled(p.h, data.preorder.id)
        await api.post(`/admin/games/${g.game.id}`, { release_at: new Date(Date.now() - 3600e3).toISOString() }, admin)
        const [entry] = (await api.get("/store/library", p.h)).data.library
        expect((await failure(api.post(`/store/library/${entry.id}/play`, { minutes: -3 }, p.h))).status).toBe(400)
        await api.post(`/store/library/${entry.id}/play`, { minutes: 90 }, p.h)
        const { data: played } = await api.post(`/store/library/${entry.id}/play`, { minutes: 45 }, p.h)
        expect(played.entitlement.play_minutes).toBe(135)
        expect((await api.get("/store/library", p.h)).data.library[0].refund).toEqual({ allowed: false, reason: "played_too_long" })
        const res = await failure(api.post(`/store/preorders/${done.id}/refund`, {}, p.h))
        expect([res.status, res.data.code]).toEqual([400, "played_too_long"])
      })
    })
  },
})
