import type { Browser, BrowserContext, Page } from "playwright-core"
import { ACTION_MS, NAVIGATION_MS, api, browserTest, createGame, createPlayer, describeBrowser, messages, storeUrl, useBrowser, type Player } from "./harness"

/**
 * Scenario 2: two players become friends on the Friends page, one sends a scheduled gift with a
 * message through the gift flow, the other finds it in the gift inbox and accepts (the game is in
 * their library); a second gift declined goes back to its sender, refunded. The header's unread
 * count shows and clears once Notifications is opened.
 */
useBrowser()
const en = messages("en")
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const CARD = "4242 4242 4242 4242"

async function signIn(page: Page, player: Player) {
  await page.goto(storeUrl("/us/sign-in"))
  const main = page.getByRole("main")
  await main.getByLabel(en.auth.email, { exact: true }).fill(player.email)
  await main.getByLabel(en.auth.password, { exact: true }).fill(player.password)
  await main.getByRole("button", { name: en.auth.signIn, exact: true }).click()
  await page.waitForURL((u) => u.pathname === "/us/account", { timeout: NAVIGATION_MS })
}

/** A second signed-in browser (own cookies) next to the test's. */
async function secondPage(context: BrowserContext, player: Player) {
  const other = await (context.browser() as Browser).newContext({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1280, height: 900 } })
  other.setDefaultTimeout(ACTION_MS)
  other.setDefaultNavigationTimeout(NAVIGATION_MS)
  const page = await other.newPage()
  await signIn(page, player)
  return { page, close: () => other.close().catch(() => {}) }
}

const handleOf = async (p: Player) => (await api("GET", "/store/customers/me/profile", { headers: p.auth })).profile.handle as string

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(500)) {
    const found = await probe().catch(() => null)
    if (found) return found
  }
  throw new Error(`${what}: not within ${ms / 1000} s`)
}

/** Reloads `path` until `check` holds (the page shows what the backend did in the background). */
async function reloadUntil(page: Page, path: string, what: string, ms: number, check: () => Promise<boolean>) {
  await until(what, ms, async () => {
    await page.goto(storeUrl(path))
    return check()
  })
}

/** `YYYY-MM-DDTHH:mm` in UTC, the nearest whole minute at least `seconds` ahead. */
function utcMinuteAfter(seconds: number) {
  const d = new Date(Date.now() + seconds * 1000)
  d.setUTCSeconds(0, 0)
  d.setUTCMinutes(d.getUTCMinutes() + 1)
  return d.toISOString().slice(0, 16)
}

const sentGift = async (sender: Player, gameId: string) =>
  ((await api("GET", "/store/gifts?box=sent", { headers: sender.auth })).gifts as any[]).find((g) => g.game.id === gameId)

describeBrowser("friends, gifts and notifications", () => {
  browserTest(
    "friends through the Friends page, a scheduled gift accepted from the inbox, a second one declined and refunded, the unread count cleared",
    async ({ page, context }) => {
      const [alice, bob] = await Promise.all([createPlayer({ residence: "US" }), createPlayer({ residence: "US" })])
      const bobHandle = await handleOf(bob)
      const stamp = Date.now()
      const [first, second] = await Promise.all([
        createGame({ title: `Gift Quest ${stamp}`, prices: [{ currency_code: "usd", amount: 12 }], service_countries: ["US"] }),
        createGame({ title: `Gift Saga ${stamp}`, prices: [{ currency_code: "usd", amount: 9 }], service_countries: ["US"] }),
      ])

      // Alice asks Bob by handle on the Friends page.
      await signIn(page, alice)
      await page.getByRole("banner").locator("details.account-menu > summary").click()
      await page.getByRole("banner").getByRole("link", { name: en.common.friends, exact: true }).click()
      await page.waitForURL((u) => u.pathname === "/us/friends")
      const main = page.getByRole("main")
      await main.getByLabel(en.friends.who).fill(`@${bobHandle}`)
      await main.getByRole("button", { name: en.friends.send }).click()
      await main.getByText(en.friends.requested.replace("{who}", `@${bobHandle}`)).waitFor()
      await main.getByRole("button", { name: new RegExp(`^Withdraw the request to .*@${bobHandle}`) }).waitFor()

      // Bob accepts on his Friends page.
      const bobSide = await secondPage(context, bob)
      try {
        const bp = bobSide.page
        await bp.goto(storeUrl("/us/friends"))
        await bp.getByRole("main").getByRole("button", { name: /^Accept the request from / }).click()
        await bp.getByRole("main").getByRole("button", { name: /^Remove .* from your friends$/ }).waitFor()

        // Alice: Buy as gift on the game page → the gift flow, Bob scheduled with a message.
        await page.goto(storeUrl(`/us/games/${first.handle}`))
        await page.getByRole("main").getByRole("link", { name: en.game.gift }).click()
        await page.waitForURL((u) => u.pathname === "/us/gift")
        const form = page.getByRole("main")
        const bobChoice = form.getByRole("radio", { name: new RegExp(`@${bobHandle}`) })
        await bobChoice.check()
        const note = `Happy birthday, Bob! ${stamp}`
        await form.getByLabel(en.gift.message).fill(note)
        await form.getByRole("radio", { name: en.gift.later }).check()
        await form.getByLabel(/^Delivery time/).fill(utcMinuteAfter(30))
        await form.getByLabel(en.checkout.cardNumber).fill(CARD)
        await form.getByRole("button", { name: /^Pay .* and send$/ }).click()
        await page.waitForURL((u) => /^\/us\/gifts\/[\w-]+$/.test(u.pathname), { timeout: NAVIGATION_MS })
        // Followed until paid: scheduled, with Bob's time zone beside the time.
        await page.getByRole("main").getByText(en.gifts.state.scheduled, { exact: true }).waitFor({ timeout: 30_000 })
        const gift = await until("the sent gift", 10_000, () => sentGift(alice, first.id))
        expect(gift).toEqual(expect.objectContaining({ state: "scheduled", message: note, deliver_at: expect.any(String) }))
        // Not in Bob's inbox before its time.
        expect(((await api("GET", "/store/gifts?box=received", { headers: bob.auth })).gifts as any[]).some((g) => g.id === gift.id)).toBe(false)

        // Bob: delivered when its time comes (the job runs every 10 s); the header counts it unread.
        const wait = new Date(gift.deliver_at).getTime() - Date.now() + 60_000
        await reloadUntil(bp, "/us/gifts", "the gift in Bob's inbox", Math.max(wait, 30_000), () => bp.getByRole("main").getByText(note).isVisible())
        const card = bp.getByRole("listitem").filter({ hasText: note })
        await card.getByText(first.title, { exact: false }).first().waitFor()
        const badge = bp.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ })
        await badge.waitFor()
        await card.getByRole("button", { name: new RegExp(`^Accept ${first.title}`) }).click()
        await card.getByText(en.gifts.state.accepted, { exact: true }).waitFor()
        await bp.goto(storeUrl("/us/library"))
        await bp.getByRole("main").getByText(first.title).first().waitFor()
        expect(((await api("GET", "/store/library", { headers: bob.auth })).library as any[]).map((e) => e.game_id)).toContain(first.id)

        // A second gift, sent now through the API, declined in the inbox: Alice is refunded.
        const sent = await api("POST", "/store/gifts", {
          body: { game_id: second.id, recipient_id: bob.id, message: "Another one", points: 0, payment: { method: "card", account: CARD.replace(/ /g, "") } },
          headers: { ...alice.auth, "idempotency-key": `browser-gift-${stamp}` },
        })
        await until("the second gift delivered", 60_000, async () => (await api("GET", `/store/gifts/${sent.gift.id}`, { headers: alice.auth })).gift.state === "delivered")
        await bp.goto(storeUrl("/us/gifts"))
        const other = bp.getByRole("listitem").filter({ hasText: "Another one" })
        bp.once("dialog", (d) => d.accept())
        await other.getByRole("button", { name: new RegExp(`^Decline ${second.title}`) }).click()
        await other.getByText(en.gifts.state.declined, { exact: true }).or(other.getByText(en.gifts.state.refunded, { exact: true })).waitFor()
        const refunded = await until("the declined gift refunded", 60_000, async () => {
          const g = (await api("GET", `/store/gifts/${sent.gift.id}`, { headers: alice.auth })).gift
          return g.state === "refunded" ? g : null
        })
        expect(refunded.refunded_at).toEqual(expect.any(String))
        expect(((await api("GET", "/store/library", { headers: bob.auth })).library as any[]).map((e) => e.game_id)).not.toContain(second.id)
        await page.goto(storeUrl("/us/gifts"))
        await page.getByRole("row").filter({ hasText: second.title }).getByText(en.gifts.state.refunded, { exact: true }).waitFor()

        // Opening Notifications clears the count.
        await bp.goto(storeUrl("/us/gifts"))
        await bp.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ }).click()
        await bp.waitForURL((u) => u.pathname === "/us/notifications")
        await bp.getByRole("banner").getByRole("link", { name: en.common.notifications, exact: true }).waitFor()
        expect((await api("GET", "/store/notifications?limit=1", { headers: bob.auth })).unread).toBe(0)
      } finally {
        await bobSide.close()
      }
    },
    { timeout: 360_000, options: { timezoneId: "UTC" } }
  )
})
