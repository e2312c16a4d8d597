import type { Page } from "playwright-core"
import {
  ACTION_MS,
  createGame,
  createPlayer,
  createPromotion,
  customerByEmail,
  describeBrowser,
  browserTest,
  formatPrice,
  grantPoints,
  messagePattern,
  messages,
  NAVIGATION_MS,
  pointsBalance,
  saveScreenshot,
  signInThroughPage,
  storeUrl,
  useBrowser,
  waitForMail,
} from "./harness"

/**
 * Buying through the pages, as a player does: a Korean player signs up, finds an upcoming game
 * with the header search, pre-orders it with KakaoPay and points, then refunds it from the
 * library; an American player buys two released games from the cart with a promotion code and
 * downloads one at once. Checkout, confirmation and library are kept as screenshots.
 */
useBrowser()
const en = messages("en")
const ko = messages("ko")

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Waits for the path (the server actions redirect; the status pages re-render when settled). */
async function expectPath(page: Page, pathname: string | RegExp) {
  await page.waitForURL((u) => (typeof pathname === "string" ? u.pathname === pathname : pathname.test(u.pathname)), { timeout: NAVIGATION_MS })
}

/** A game of the library, found by its heading. */
const libraryEntry = (page: Page, title: string) =>
  page.getByRole("main").getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: title }) })

describeBrowser("purchases in a browser", () => {
  browserTest(
    "KR: sign up, pre-order an upcoming game found by search with KakaoPay and points, then refund it from the library",
    async ({ page }) => {
      const stamp = Date.now().toString(36)
      const game = await createGame({
        title: `Lantern Tide ${stamp}`,
        prices: [
          { currency_code: "krw", amount: 33000 },
          { currency_code: "usd", amount: 29.99 },
        ],
        service_countries: ["KR", "US"],
        release_in_days: 40,
        preorder_enabled: true,
      })
      const email = `browser-kr-${stamp}@example.com`
      const password = "browser-pass-kr-1"

      // Sign-up: the residence defaults to the shop's country.
      await page.goto(storeUrl("/kr/sign-up"))
      const main = page.getByRole("main")
      await main.getByRole("heading", { level: 1, name: ko.auth.signUpTitle }).waitFor()
      await main.getByRole("textbox", { name: ko.auth.email }).fill(email)
      // Hints are descriptions, not part of a field's name.
      await main.getByLabel(ko.auth.password, { exact: true }).fill(password)
      expect(await main.getByRole("combobox", { name: ko.auth.residence }).inputValue()).toBe("kr")
      await main.getByRole("button", { name: ko.auth.createAccount, exact: true }).click()
      await expectPath(page, "/kr/account")
      await main.getByRole("heading", { name: ko.account.verifyTitle }).waitFor()

      // The mailed link, followed in the browser.
      const mail = await waitForMail(email, "email-verification")
      const link = new URL(mail.data.url)
      expect(link.origin).toBe(new URL(storeUrl("/")).origin)
      await page.goto(link.toString())
      await expectPath(page, "/kr/verify-email")
      await main.getByRole("heading", { level: 1, name: ko.verify.done }).waitFor()

      // Points as staff grant them (a goodwill adjustment).
      const customer = await customerByEmail(email)
      await grantPoints(customer.id, 1000)
      expect(await pointsBalance(customer.id)).toBe(1000)

      // The header search finds the upcoming game; its page offers a pre-order.
      await page.goto(storeUrl("/kr"))
      const box = page.getByRole("banner").getByRole("combobox", { name: ko.search.label })
      await box.click()
      await box.pressSequentially(`Lantern Tide ${stamp.slice(0, 4)}`, { delay: 30 })
      const option = page.getByRole("listbox", { name: ko.search.suggestions }).getByRole("option", { name: new RegExp(`^${escape(game.title)}`) })
      await option.click()
      await expectPath(page, `/kr/games/${game.handle}`)
      await main.getByRole("heading", { level: 1, name: game.title }).waitFor()
      await main.getByText(formatPrice(33000, "krw", "ko-KR"), { exact: true }).first().waitFor()
      await main.getByRole("link", { name: ko.game.preorder, exact: true }).click()

      // Checkout: 500 points (₩5,000) and the rest with KakaoPay.
      await expectPath(page, "/kr/checkout")
      await main.getByRole("heading", { level: 1, name: ko.checkout.title }).waitFor()
      await main.getByRole("region", { name: messagePattern(ko.checkout.items) }).getByText(ko.checkout.preorderChip, { exact: true }).waitFor()
      await main.getByRole("spinbutton", { name: ko.checkout.pointsNumber }).fill("500")
      await main.getByRole("radio", { name: /KakaoPay/ }).check()
      await main.getByRole("textbox", { name: messagePattern(ko.checkout.walletAccount) }).fill("kakao-browser-1234")
      const pay = main.getByRole("button", { name: ko.checkout.pay.replace("{amount}", formatPrice(28000, "krw", "ko-KR")) })
      await pay.waitFor()
      await saveScreenshot(page, "checkout")
      await pay.click()

      // The purchase page follows the payment until it settles.
      await expectPath(page, /^\/kr\/purchases\/[\w-]+$/)
      await main.getByRole("heading", { level: 1, name: ko.purchase.heading.completed }).waitFor({ timeout: NAVIGATION_MS })
      await main.getByRole("status").filter({ hasText: ko.purchase.completed }).waitFor()
      await main.getByText(ko.purchase.pointsN.replace("{points}", "500"), { exact: true }).waitFor()
      await main.getByText(ko.purchase.preorderNote).waitFor()
      await saveScreenshot(page, "confirmation")
      const earned = (await pointsBalance(customer.id)) - 500
      expect(earned).toBeGreaterThan(0) // 5% of the ₩28,000 paid, in points

      // The library: pre-ordered, with the refund offered under its policy.
      await main.getByRole("link", { name: ko.purchase.toLibrary }).click()
      await expectPath(page, "/kr/library")
      const entry = libraryEntry(page, game.title)
      await entry.getByText(ko.library.status.preordered, { exact: true }).waitFor()
      await entry.getByText(ko.library.refundPreorder).waitFor()
      expect(await entry.getByRole("button", { name: ko.library.download }).count()).toBe(0)
      await saveScreenshot(page, "library-preordered")

      page.once("dialog", (dialog) => void dialog.accept())
      await entry.getByRole("button", { name: ko.library.requestRefund, exact: true }).click()
      await expectPath(page, /^\/kr\/refunds\/[\w-]+$/)
      await main.getByRole("heading", { level: 1, name: ko.refund.done }).waitFor({ timeout: NAVIGATION_MS })
      await main.getByRole("status").getByText(ko.refund.pointsRestored).waitFor()

      // Gone from the library; the points spent came back and the earned ones were taken back.
      await main.getByRole("link", { name: ko.refund.toLibrary }).click()
      await expectPath(page, "/kr/library")
      await main.getByRole("heading", { level: 1, name: ko.library.title }).waitFor()
      expect(await libraryEntry(page, game.title).count()).toBe(0)
      expect(await pointsBalance(customer.id)).toBe(1000)
      await page.goto(storeUrl("/kr/account"))
      // The balance as the account page shows it (an ICU plural: "1,000 …").
      await main.getByRole("region", { name: ko.account.points }).getByText(/^1,000\D/).first().waitFor()

      const refundMail = await waitForMail(email, "games-refunded")
      expect(refundMail.data.subject).toContain(game.title)
      expect(refundMail.data.text).toContain("500 points you spent are back")
    },
    { timeout: 240_000, options: { locale: "ko-KR" } }
  )

  browserTest("US: two released games from the cart with a promotion code; both downloadable at once", async ({ page }) => {
    const stamp = Date.now().toString(36)
    const code = `BROWSER10${stamp.toUpperCase()}`
    // Round prices: 10% off $30.00 is exactly $3.00.
    const [first, second] = await Promise.all([
      createGame({ title: `Harbor Lights ${stamp}`, prices: [{ currency_code: "usd", amount: 20 }], service_countries: ["US"] }),
      createGame({ title: `Quiet Orbit ${stamp}`, prices: [{ currency_code: "usd", amount: 10 }], service_countries: ["US"] }),
      createPromotion(code, 10),
    ])
    const player = await createPlayer({ residence: "US" })
    await signInThroughPage(page, player, "us")
    const main = page.getByRole("main")

    for (const game of [first, second]) {
      await page.goto(storeUrl(`/us/games/${game.handle}`))
      await main.getByRole("heading", { level: 1, name: game.title }).waitFor()
      await main.getByRole("button", { name: en.game.addToCart, exact: true }).click()
      await expectPath(page, "/us/cart")
      await main.getByRole("link", { name: game.title }).waitFor()
    }
    await main.getByText(formatPrice(30, "usd", "en-US"), { exact: true }).waitFor()
    await main.getByRole("link", { name: en.cart.checkout, exact: true }).click()

    await expectPath(page, "/us/checkout")
    // The items' heading names their region: "2 games" (checkout.items, a plural).
    const items = main.getByRole("region", { name: "2 games", exact: true })
    await items.waitFor()
    for (const game of [first, second]) await items.getByRole("link", { name: game.title }).waitFor()
    await main.getByRole("textbox", { name: en.checkout.promo, exact: true }).fill(code)
    await main.getByRole("radio", { name: /card/i }).check()
    await main.getByRole("textbox", { name: en.checkout.cardNumber, exact: true }).fill("4242 4242 4242 4242")
    await main.getByRole("button", { name: en.checkout.pay.replace("{amount}", "$30.00") }).click()

    await expectPath(page, /^\/us\/purchases\/[\w-]+$/)
    await main.getByRole("heading", { level: 1, name: en.purchase.heading.completed }).waitFor({ timeout: NAVIGATION_MS })
    // The promotion took 10% off: $3.00, and $27.00 paid.
    const totals = main.getByRole("region", { name: en.purchase.summary })
    await totals.getByText(en.purchase.discount, { exact: true }).waitFor()
    await totals.getByText(`−${formatPrice(3, "usd", "en-US")}`, { exact: true }).waitFor()
    await totals.getByText(formatPrice(27, "usd", "en-US"), { exact: true }).first().waitFor()
    // The cart was emptied of what was bought.
    expect(await page.getByRole("banner").getByRole("link", { name: /games? in the cart/ }).count()).toBe(0)

    await main.getByRole("link", { name: en.purchase.toLibrary }).click()
    await expectPath(page, "/us/library")
    for (const game of [first, second]) {
      await libraryEntry(page, game.title).getByText(en.library.status.downloadable, { exact: true }).waitFor()
    }
    await saveScreenshot(page, "library")
    const entry = libraryEntry(page, first.title)
    await entry.getByRole("button", { name: en.library.download, exact: true }).click()
    await entry.getByRole("status").filter({ hasText: en.library.downloadReady }).waitFor({ timeout: ACTION_MS })
  })
})
