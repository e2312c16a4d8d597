import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { failure, type Player, seedForTests, signUpWithHandle, storeHeaders } from "../helpers"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let n = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 1)).publishable_key
    })

    const player = () => signUpWithHandle(api, pk, `notice-${++n}-${Date.now()}@example.com`)
    const as = (p: Player) => storeHeaders(pk, p.token)
    const inbox = async (p: Player, query = "") => (await api.get(`/store/notifications${query}`, as(p))).data
    const seen = (p: Player, body: Record<string, unknown> = {}) => api.post("/store/notifications/seen", body, as(p))
    // Straight to the feed channel: the read marker does not care which workflow wrote a notice.
    const notify = async (p: Player, subject: string) => {
      await getContainer().resolve(Modules.NOTIFICATION).createNotifications({ to: p.customer.id, channel: "feed", template: "test-notice", data: { subject } })
      await new Promise((r) => setTimeout(r, 20))
    }

    it("counts notices newer than the marker as unread, over all pages; seen up to `until` keeps later ones unread", async () => {
      const p = await player()
      const before = await inbox(p)
      expect(before).toEqual(expect.objectContaining({ unread: before.count, seen_at: null }))
      await notify(p, "first")
      await notify(p, "second")
      const page = await inbox(p, "?limit=1")
      expect(page.notifications).toHaveLength(1)
      expect(page.unread).toBe(page.count)
      expect(page.notifications[0]).toEqual(expect.objectContaining({ subject: "second", unread: true }))

      const shown = page.notifications[0].created_at
      await notify(p, "after the page loaded")
      const marked = await seen(p, { until: shown })
      expect(marked.status).toBe(200)
      expect(marked.data).toEqual({ seen_at: expect.any(String), unread: 1 })
      const after = await inbox(p)
      expect(after.unread).toBe(1)
      expect(after.notifications.map((x: any) => [x.subject, x.unread]).slice(0, 3)).toEqual([
        ["after the page loaded", true],
        ["second", false],
        ["first", false],
      ])

      // No `until`: everything up to now.
      expect((await seen(p)).data.unread).toBe(0)
      expect((await inbox(p)).unread).toBe(0)
    })

    it("never moves the marker back, nor past now, and keeps each player's marker their own", async () => {
      const [p, other] = [await player(), await player()]
      await notify(p, "one")
      await notify(other, "theirs")
      const { seen_at } = (await seen(p)).data
      expect((await seen(p, { until: "2000-01-01T00:00:00Z" })).data.seen_at).toBe(seen_at)
      const future = new Date(Date.now() + 86400e3).toISOString()
      const capped = (await seen(p, { until: future })).data.seen_at
      expect(new Date(capped).getTime()).toBeLessThan(Date.now() + 5000)
      await notify(p, "later")
      expect((await inbox(p)).unread).toBe(1)
      expect((await inbox(other)).unread).toBe(1)
      expect((await inbox(other)).seen_at).toBeNull()
    })

    it("refuses the signed-out, other fields, bad dates, NUL bytes and huge input", async () => {
      const p = await player()
      expect((await failure(api.post("/store/notifications/seen", {}, storeHeaders(pk)))).status).toBe(401)
      expect((await failure(api.get("/store/notifications", storeHeaders(pk)))).status).toBe(401)
      for (const body of [
        { until: "yesterday" },
        { until: 1234 },
        { until: "2026-01-01T00:00:00" },
        { until: "2026-01-01T00:00:00Z\u0000" },
        { until: "2026-01-01T00:00:00Z".padEnd(5000, "0") },
        { customer_id: "cus_someone_else" },
      ]) {
        expect([JSON.stringify(body).slice(0, 60), (await failure(seen(p, body))).status]).toEqual([JSON.stringify(body).slice(0, 60), 400])
      }
      expect((await failure(api.get("/store/notifications?limit=0", as(p)))).status).toBe(400)
      expect((await inbox(p)).seen_at).toBeNull()
    })
  },
})
