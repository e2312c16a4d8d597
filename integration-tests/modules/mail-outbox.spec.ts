import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MAIL_MODULE } from "../../src/modules/mail"
import type MailModuleService from "../../src/modules/mail/service"

jest.setTimeout(60 * 1000)

const entry = (key: string) => [{ to: "p@example.com", channel: "email", template: "purchase-confirmed", data: {}, idempotency_key: key }]

moduleIntegrationTestRunner<MailModuleService>({
  moduleName: MAIL_MODULE,
  resolve: "./src/modules/mail",
  pathToMigrations: path.join(__dirname, "../../src/modules/mail/migrations"),
  testSuite: ({ service }) => {
    it("queues a mail once per idempotency key", async () => {
      const ids = await Promise.all(Array.from({ length: 10 }, () => service.enqueue("m-1", entry("m-1"))))
      expect(new Set(ids).size).toBe(1)
      expect(await service.listMailOutboxes({ idempotency_key: "m-1" })).toHaveLength(1)
      expect(await service.unsentCount()).toBe(1)
    })

    it("hands each row to one of several parallel flushers and holds it", async () => {
      for (let i = 0; i < 30; i++) await service.enqueue(`p-${i}`, entry(`p-${i}`))
      const claims = await Promise.all(Array.from({ length: 4 }, () => service.claim(10, 60)))
      const keys = claims.flat().map((r) => r.idempotency_key)
      expect(keys).toHaveLength(30)
      expect(new Set(keys).size).toBe(30)
      expect(claims.flat().every((r) => r.attempts === 1 && r.entries[0].template === "purchase-confirmed")).toBe(true)
      expect(await service.claim(10, 60)).toEqual([])
    })

    it("gives a row back when its hold runs out, and never again once sent", async () => {
      await service.enqueue("h-1", entry("h-1"))
      await service.enqueue("h-2", entry("h-2"))
      const first = await service.claim(10, 0)
      expect(first).toHaveLength(2)
      await service.markFailed([first[0].id], "provider down")
      await service.markSent([first[1].id])
      const again = await service.claim(10, 60)
      expect(again.map((r) => [r.idempotency_key, r.attempts])).toEqual([[first[0].idempotency_key, 2]])
      expect((await service.retrieveMailOutbox(first[0].id)).last_error).toBe("provider down")
      expect(await service.unsentCount()).toBe(1)
    })
  },
})
