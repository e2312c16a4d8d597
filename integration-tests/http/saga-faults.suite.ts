import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { PREORDER_MODULE } from "../../src/modules/preorder"
import { LIBRARY_MODULE } from "../../src/modules/library"
import { armedTimes, armFault, crashedAt, disarmFaults, Fault } from "../../src/lib/faults"
import { recoverStalledSagas } from "../../src/workflows/recovery/recover-sagas"
import { preorderCollectionId } from "../../src/lib/preorder-payment"
import { startRefund } from "../../src/workflows/refund/start-refund"

const PRE_PIVOT = ["validate-preorder", "create-pending-preorder-order", "get-points-balance", "post-points", "capture-preorder-payment"]
const POST_PIVOT = ["accrue-preorder-points", "complete-preorder", "send-mail"]
const INITIAL_POINTS = 1000
const USE_POINTS = 300

/**
 * The fault matrix for both sagas: an error, a timeout and a process crash at every step,
 * each case ending with the money/points/entitlement invariants. Run once per workflow engine.
 */
export function sagaFaultSuite() {
  medusaIntegrationTestRunner({
    inApp: true,
    testSuite: ({ api, getContainer }) => {
      let pk: string
      let gameId: string

      beforeAll(async () => {
        pk = (await seedForTests(getContainer(), 3)).publishable_key
        gameId = (
          await createGame(api, await adminHeaders(api), {
            title: "Fault Line",
            prices: [{ currency_code: "usd", amount: 40 }],
            service_countries: ["US"],
            release_in_days: 20,
            preorder_enabled: true,
          })
        ).id
      })
      afterEach(() => disarmFaults())

      const start = async () => {
        const email = `f-${Math.random().toString(36).slice(2)}@example.com`
        const { customer, token } = await signUpPlayer(api, pk, email, "US")
        await getContainer()
          .resolve<PointsModuleService>(POINTS_MODULE)
          .post({ customer_id: customer.id, kind: "earn", points: INITIAL_POINTS, idempotency_key: `init:${customer.id}` })
        const h = storeHeaders(pk, token)
        const { data } = await api.post(
          "/store/preorders",
          { game_id: gameId, points: USE_POINTS, payment: { method: "card", account: "4242424242424242" } },
          { headers: { ...h.headers, "idempotency-key": `fault-${customer.id}` } }
        )
        return { customer, id: data.preorder.id as string }
      }

      const waitFor = async (id: string, until: (status: string) => boolean) => {
        const preorders = getContainer().resolve<any>(PREORDER_MODULE)
        for (let i = 0; i < 150; i++) {
          const p = await preorders.retrievePreorder(id)
          if (until(p.status)) return p
          await new Promise((r) => setTimeout(r, 50))
        }
        return preorders.retrievePreorder(id)
      }

      /** Waits until the armed crash point has been reached (the step hangs there, as if dead). */
      const expectCrashed = async (point: string) => {
        for (let i = 0; i < 100 && !crashedAt(point); i++) await new Promise((r) => setTimeout(r, 50))
        expect(crashedAt(point)).toBe(true)
      }

      /** The invariants (docs/ARCHITECTURE.md) for one player's pre-order, whatever happened on the way. */
      const assertInvariants = async (customerId: string, preorderId: string) => {
        const c = getContainer()
        const record = await c.resolve<any>(PREORDER_MODULE).retrievePreorder(preorderId)
        expect(["completed", "failed", "refunded"]).toContain(record.status)
        const points = c.resolve<PointsModuleService>(POINTS_MODULE)
        const entries = await points.listPointsEntries({ customer_id: customerId })
        const balance = await points.getBalance(customerId)
        expect(balance).toBe(entries.reduce((s, e) => s + e.amount, 0))
        expect(balance).toBeGreaterThanOrEqual(0)
        const owned = await c.resolve<any>(LIBRARY_MODULE).listEntitlements({ customer_id: customerId, status: "active" })
        const query = c.resolve(ContainerRegistrationKeys.QUERY)
        const knex = c.resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const payments = record.payment_collection_id
          ? await c.resolve(Modules.PAYMENT).listPayments({ payment_collection_id: record.payment_collection_id } as any, { relations: ["captures"] })
          : []
        const captures = payments.flatMap((p: any) => p.captures ?? [])
        // The provider's charge for this saga, recorded by Medusa or not.
        const [sagaCharge] = await knex("sandbox_gateway_request").where({ idempotency_key: `create:saga:${preorderId}` })
        const chargeIds = [...new Set([...payments.map((p: any) => p.data?.charge_id), sagaCharge?.response?.charge_id].filter(Boolean))]
        const charges = chargeIds.length ? await knex("sandbox_gateway_charge").whereIn("id", chargeIds) : []
        const gatewayCaptured = charges.reduce((s: number, ch: any) => s + Number(ch.captured), 0)
        const gatewayRefunded = charges.reduce((s: number, ch: any) => s + Number(ch.refunded), 0)
        const order = record.order_id
          ? (await query.graph({ entity: "order", fields: ["status"], filters: { id: record.order_id } })).data[0]
          : null
        if (record.status === "refunded") {
          expect(order?.status).toBe("canceled")
          expect(owned).toHaveLength(0)
          expect(gatewayRefunded).toBe(Number(record.refund_amount))
          expect(gatewayRefunded).toBe(Number(record.cash_amount))
          expect(balance).toBe(INITIAL_POINTS)
        } else if (record.status === "completed") {
          expect(gatewayRefunded).toBe(0)
          expect(order?.status).toBe("completed")
          expect(owned).toHaveLength(1)
          expect(captures).toHaveLength(1)
          expect(gatewayCaptured).toBe(Number(record.cash_amount))
          expect(balance).toBe(INITIAL_POINTS - USE_POINTS + record.points_earned)
        } else {
          if (order) expect(order.status).toBe("canceled")
          expect(owned).toHaveLength(0)
          expect(captures).toHaveLength(0)
          expect(gatewayCaptured).toBe(0)
          expect(balance).toBe(INITIAL_POINTS)
        }
        return record
      }

      describe.each(["error", "timeout"] as Fault[])("a %s in a step", (fault) => {
        it.each(PRE_PIVOT)("before the pivot (%s): the saga compensates everything", async (step) => {
          armFault(`${step}:before`, fault)
          const { customer, id } = await start()
          const record = await assertInvariants(customer.id, (await waitFor(id, (s) => s !== "pending")).id)
          expect(record.status).toBe("failed")
          expect(record.failure_reason).toBe(fault === "timeout" ? "timeout" : "injected_failure")
        })

        it.each(POST_PIVOT)("after the pivot (%s): the step is retried and the saga completes", async (step) => {
          armFault(`${step}:before`, fault, 2)
          const { customer, id } = await start()
          await waitFor(id, (s) => s !== "pending")
          await new Promise((r) => setTimeout(r, 300))
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
        })
      })

      describe("a process crash inside a step, after its effect", () => {
        it.each([...PRE_PIVOT.filter((s) => s !== "capture-preorder-payment")])(
          "before the pivot (%s): recovery undoes everything",
          async (step) => {
            armFault(`${step}:after`, "crash")
            const { customer, id } = await start()
            await expectCrashed(`${step}:after`)
            expect((await getContainer().resolve<any>(PREORDER_MODULE).retrievePreorder(id)).status).toBe("pending")
            const outcomes = await recoverStalledSagas(getContainer(), { stale_ms: 0 })
            expect(outcomes).toEqual([{ id, action: "compensated" }])
            const record = await assertInvariants(customer.id, id)
            expect([record.status, record.failure_reason]).toEqual(["failed", "interrupted"])
            expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([])
          }
        )

        it.each(["capture-preorder-payment", ...POST_PIVOT])(
          "at or after the pivot (%s): recovery drives the saga forward",
          async (step) => {
            armFault(`${step}:after`, "crash")
            const { customer, id } = await start()
            await expectCrashed(`${step}:after`)
            const preorders = getContainer().resolve<any>(PREORDER_MODULE)
            if ((await preorders.retrievePreorder(id)).status === "pending") {
              expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([{ id, action: "resumed" }])
            }
            expect((await assertInvariants(customer.id, id)).status).toBe("completed")
          }
        )
      })
  
      describe("a lasting failure after the pivot", () => {
        it("never compensates: the saga is driven forward once the step works again", async () => {
          armFault("complete-preorder:before", "error", 8)
          const { customer, id } = await start()
          const record = await waitFor(id, (s) => s !== "pending")
          await new Promise((r) => setTimeout(r, 300))
          expect(record.status).toBe("completed")
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
        })

        it("leaves the saga to the recovery job when it keeps failing, and the job finishes it", async () => {
          armFault("accrue-preorder-points:before", "error", 12)
          const { customer, id } = await start()
          // The saga's own retries and the settle's resume both use the armed failures up.
          for (let i = 0; i < 200 && armedTimes("accrue-preorder-points:before") > 0; i++) await new Promise((r) => setTimeout(r, 50))
          expect(armedTimes("accrue-preorder-points:before")).toBe(0)
          await new Promise((r) => setTimeout(r, 500))
          const held = await getContainer().resolve<any>(PREORDER_MODULE).retrievePreorder(id)
          expect(held.status).toBe("pending")
          disarmFaults()
          expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([{ id, action: "resumed" }])
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
        })
      })

      describe("a process crash inside the provider call, after the provider captured", () => {
        it("recovery makes Medusa record the one capture the provider made and completes the saga", async () => {
          armFault("sandbox-authorize:after", "crash")
          const { customer, id } = await start()
          await expectCrashed("sandbox-authorize:after")
          const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
          const record = await getContainer().resolve<any>(PREORDER_MODULE).retrievePreorder(id)
          expect(record.payment_id).toBeNull()
          const [request] = await knex("sandbox_gateway_request").where({ idempotency_key: `create:saga:${id}` })
          const [charge] = await knex("sandbox_gateway_charge").where({ id: request.response.charge_id })
          expect(Number(charge.captured)).toBe(Number(record.cash_amount))
          expect(await knex("payment").where({ payment_collection_id: preorderCollectionId(id) })).toHaveLength(0)
          expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([{ id, action: "resumed" }])
          expect((await assertInvariants(customer.id, id)).status).toBe("completed")
          const payments = await knex("payment").where({ payment_collection_id: preorderCollectionId(id) })
          expect(payments).toHaveLength(1)
        })
      })

      describe.each(["error", "timeout"] as Fault[])("a %s in a refund step", (fault) => {
        const completed = async () => {
          const { customer, id } = await start()
          expect((await waitFor(id, (st) => st !== "pending")).status).toBe("completed")
          return { customer, id }
        }
        const refunded = (customerId: string, id: string) =>
          startRefund(getContainer(), { customer_id: customerId, preorder_id: id }).then((r) => r.settled)

        it.each(["open-refund", "mark-order-cancel-pending", "post-points", "plan-refund", "refund-preorder-payment"])(
          "before the pivot (%s): everything is put back, the player told, a retry scheduled",
          async (step) => {
            const { customer, id } = await completed()
            armFault(`${step}:before`, fault)
            await refunded(customer.id, id)
            const record = await assertInvariants(customer.id, id)
            expect(record.status).toBe("completed")
            expect(record.refund_failure).toMatch(fault === "timeout" ? /^timeout/ : /^injected_failure/)
            expect(new Date(record.refund_retry_at).getTime()).toBeGreaterThan(Date.now())
            expect(await sentTemplates(getContainer(), customer.email)).toContain("refund-failed")
          }
        )

        it.each(["clawback-points", "finish-refund", "send-mail"])(
          "after the pivot (%s): the step is retried and the refund completes",
          async (step) => {
            const { customer, id } = await completed()
            armFault(`${step}:before`, fault, 2)
            await refunded(customer.id, id)
            await new Promise((r) => setTimeout(r, 300))
            expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
          }
        )
      })

      describe("a process crash inside a refund step, after its effect", () => {
        const completedPreorder = async () => {
          const { customer, id } = await start()
          const record = await waitFor(id, (st) => st !== "pending")
          expect(record.status).toBe("completed")
          return { customer, id }
        }
        const refundAs = (customerId: string, id: string) =>
          startRefund(getContainer(), { customer_id: customerId, preorder_id: id })

        it.each(["open-refund", "mark-order-cancel-pending", "post-points", "plan-refund"])(
          "before the pivot (%s): recovery puts everything back",
          async (step) => {
            const { customer, id } = await completedPreorder()
            armFault(`${step}:after`, "crash")
            await refundAs(customer.id, id)
            await expectCrashed(`${step}:after`)
            expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([{ id, action: "compensated" }])
            const record = await assertInvariants(customer.id, id)
            expect(record.status).toBe("completed")
            expect(record.refund_failure).toMatch(/interrupted/)
          }
        )

        it.each(["refund-preorder-payment", "clawback-points"])(
          "at or after the pivot (%s): recovery finishes the refund",
          async (step) => {
            const { customer, id } = await completedPreorder()
            armFault(`${step}:after`, "crash")
            await refundAs(customer.id, id)
            await expectCrashed(`${step}:after`)
            expect(await recoverStalledSagas(getContainer(), { stale_ms: 0 })).toEqual([{ id, action: "resumed" }])
            expect((await assertInvariants(customer.id, id)).status).toBe("refunded")
          }
        )
      })
    },
  })
}
