import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { LIBRARY_MODULE } from "../../src/modules/library"
import { MAIL_MODULE } from "../../src/modules/mail"
import { signUnsubscribe } from "../../src/modules/mail/unsubscribe-token"
import { flushMail } from "../../src/modules/mail/outbox"
import { announceReleasesWorkflow } from "../../src/workflows/release/announce-releases"

jest.setTimeout(180 * 1000)

const DAY = 86400e3

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("mails a new game to the players whose games are like it, once a day, and honours unsubscribe links", async () => {
      const container = getContainer()
      const pk = (await seedForTests(container, 0)).publishable_key
      const admin = await adminHeaders(api)
      const game = (title: string, genres: string[], extra: Record<string, unknown> = {}) =>
        createGame(api, admin, { title, genres, prices: [{ currency_code: "usd", amount: 30 }, { currency_code: "krw", amount: 33000 }], service_countries: ["US", "KR"], release_in_days: -100, ...extra })
      const [rpg1, rpg2, strategy] = [await game("Old Quest", ["rpg"]), await game("Old Saga", ["rpg", "adventure"]), await game("Old Empire", ["strategy"])]
      // Those are last month's games as far as this test goes: not news.
      const mail = container.resolve<any>(MAIL_MODULE)
      for (const g of [rpg1, rpg2, strategy]) await mail.markAnnounced(g.id, 0)

      const player = async (name: string, country: string, owns: any[]) => {
        const { customer } = await signUpPlayer(api, pk, `${name}-${Math.random().toString(36).slice(2)}@example.com`, country)
        for (const g of owns) {
          await container.resolve<any>(LIBRARY_MODULE).createEntitlements({ customer_id: customer.id, game_id: g.id, source: "purchase" })
        }
        return customer
      }
      const fan = await player("fan", "US", [rpg1, rpg2])
      const mixed = await player("mixed", "US", [rpg1, strategy])
      const stranger = await player("stranger", "US", [strategy])
      const leaver = await player("leaver", "US", [rpg1, rpg2])
      const korean = await player("korean", "KR", [rpg1, rpg2])
      const fresh = await player("fresh", "US", [])

      // The leaver follows the link of an earlier mail (the storefront posts its token).
      const token = signUnsubscribe(leaver.id, "new-releases")
      expect((await api.post("/store/mail/unsubscribe", { token }, storeHeaders(pk))).data).toEqual({ unsubscribed: { topic: "new-releases" } })
      expect((await api.post("/store/mail/unsubscribe", { token }, storeHeaders(pk))).status).toBe(200)
      const [payload, sig] = token.split(".")
      const forged = Buffer.from(JSON.stringify({ p: "mail-unsubscribe", c: fan.id, t: "new-releases" })).toString("base64url")
      for (const bad of [`${forged}.${sig}`, `${payload}.${sig.slice(0, -2)}xx`, "nope", `${payload}.${sig}\u0000`, "a".repeat(2000)]) {
        const res = await failure(api.post("/store/mail/unsubscribe", { token: bad }, storeHeaders(pk)))
        expect(res.status).toBe(400)
      }
      expect(await mail.optedOut([fan.id, leaver.id], "new-releases")).toEqual(new Set([leaver.id]))

      // A pre-order opens for a new RPG sold in the US only; one player already pre-ordered it.
      const preorder = await game("Dragon Dawn", ["rpg"], { service_countries: ["US"], release_in_days: 30, preorder_enabled: true, handle: "dragon-dawn" })
      const early = await player("early", "US", [preorder])
      const now = new Date()
      process.env.KSTORE_RELEASE_MAIL_THRESHOLD = "0.6"
      try {
        await announceReleasesWorkflow(container).run({ input: { now } })
        // A second run (the job every five minutes) mails nobody again.
        await announceReleasesWorkflow(container).run({ input: { now } })
      } finally {
        delete process.env.KSTORE_RELEASE_MAIL_THRESHOLD
      }
      const mails = async (c: any) => (await sentTemplates(container, c.email)).filter((t) => t === "new-release")
      expect(await mails(fan)).toEqual(["new-release"])
      for (const other of [mixed, stranger, leaver, korean, fresh, early]) expect(await mails(other)).toEqual([])
      const [sent] = (await container.resolve(Modules.NOTIFICATION).listNotifications({ to: fan.email, template: "new-release" })) as any[]
      expect(sent.data.subject).toBe("Pre-order open: Dragon Dawn")
      expect(sent.data.text).toContain("New in your favourite genre, rpg.")
      expect(sent.data.url).toMatch(/\/games\/dragon-dawn$/)
      // The mailed link is the fan's own: following it opts the fan out, nobody else.
      const mailed = new URL(sent.data.unsubscribe_url).searchParams.get("token")!
      expect((await api.post("/store/mail/unsubscribe", { token: mailed }, storeHeaders(pk))).status).toBe(200)
      expect(await mail.optedOut([fan.id, mixed.id], "new-releases")).toEqual(new Set([fan.id]))

      // Another new RPG at the default threshold (0.5): the half-RPG player and the pre-order's
      // owner get it; the fan opted out meanwhile.
      const sequel = await game("Dragon Dusk", ["rpg"], { service_countries: ["US"] })
      await announceReleasesWorkflow(container).run({ input: { now } })
      expect(await mails(mixed)).toEqual(["new-release"])
      expect(await mails(early)).toEqual(["new-release"])
      // The same day, a third: at most one such mail a day per player.
      const third = await game("Dragon Dust", ["rpg"], { service_countries: ["US"] })
      await announceReleasesWorkflow(container).run({ input: { now } })
      expect(await mails(mixed)).toEqual(["new-release"])
      // The next day, a fourth reaches them again.
      await game("Dragon Dew", ["rpg"], { service_countries: ["US"] })
      await announceReleasesWorkflow(container).run({ input: { now: new Date(now.getTime() + DAY) } })
      await flushMail(container)
      expect(await mails(mixed)).toEqual(["new-release", "new-release"])
      expect(await mails(fan)).toEqual(["new-release"])
      for (const other of [stranger, leaver, korean, fresh]) expect(await mails(other)).toEqual([])
      const announced = await mail.listReleaseAnnouncements({ game_id: [preorder.id, sequel.id, third.id] })
      const counts = Object.fromEntries(announced.map((a: any) => [a.game_id, a.picked]))
      // The third's picks were queued, and the outbox's day key kept them from going out.
      expect(counts).toEqual({ [preorder.id]: 1, [sequel.id]: 2, [third.id]: 2 })
    })
  },
})
