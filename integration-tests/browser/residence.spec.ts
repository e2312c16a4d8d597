import {
  browserTest,
  createGame,
  createPlayer,
  describeBrowser,
  messagePattern,
  messages,
  NAVIGATION_MS,
  type Player,
  signInThroughPage,
  storeUrl,
  useBrowser,
} from "./harness"

/**
 * Purchases follow the player's residence country, not the shop being browsed: a US resident in
 * the Japanese shop, on a game sold only in Japan, reads why they cannot buy it and gets no buy
 * action; checkout opened directly refuses it with the reason.
 */
useBrowser()
const en = messages("en")
const ja = messages("ja")

describeBrowser("a game outside the player's residence country", () => {
  let game: any
  let player: Player
  beforeAll(async () => {
    ;[game, player] = await Promise.all([
      createGame({
        title: `Residence Only Japan ${Date.now().toString(36)}`,
        prices: [
          { currency_code: "jpy", amount: 3980 },
          { currency_code: "usd", amount: 29.99 },
        ],
        service_countries: ["JP"],
      }),
      createPlayer({ residence: "US" }),
    ])
  }, 60_000)

  browserTest("the game page gives the reason and no buy action; checkout refuses it with a readable message", async ({ page }) => {
    await signInThroughPage(page, player, "us")
    const main = page.getByRole("main")

    // The Japanese shop sells the game, but not to a US resident.
    await page.goto(storeUrl(`/jp/games/${game.handle}`))
    await main.getByRole("heading", { level: 1, name: game.title }).waitFor()
    const notice = main.getByRole("note").filter({ has: page.getByRole("heading", { name: messagePattern(ja.game.residenceTitle) }) })
    await notice.waitFor()
    expect(await notice.getByRole("heading").textContent()).toContain("アメリカ合衆国")
    await notice.getByText(messagePattern(ja.game.soldIn)).filter({ hasText: "日本" }).waitFor()
    for (const name of [ja.game.buy, ja.game.preorder, ja.game.addToCart, ja.game.gift]) {
      expect(await main.getByRole("link", { name, exact: true }).count()).toBe(0)
      expect(await main.getByRole("button", { name, exact: true }).count()).toBe(0)
    }

    // In the player's own shop it is not sold at all.
    await page.goto(storeUrl(`/us/games/${game.handle}`))
    await main.getByRole("note").filter({ has: page.getByRole("heading", { name: "Not sold in United States" }) }).waitFor()
    expect(await main.getByRole("link", { name: en.game.buy, exact: true }).count()).toBe(0)

    // Checkout by its address: the game is left out with the reason, and there is nothing to pay.
    await page.goto(storeUrl(`/jp/checkout?game=${game.id}`))
    await page.waitForURL((u) => u.pathname === "/jp/checkout", { timeout: NAVIGATION_MS })
    await main.getByRole("heading", { level: 1, name: ja.checkout.title }).waitFor()
    const leftOut = main.getByRole("note").filter({ hasText: ja.checkout.leftOut })
    await leftOut.getByText(game.title).waitFor()
    await leftOut.getByText(ja.purchaseReasons.country_not_served).waitFor()
    await main.getByText(ja.checkout.nothingBuyable).waitFor()
    expect(await main.getByRole("button", { name: messagePattern(ja.checkout.pay) }).count()).toBe(0)
    expect(await main.getByRole("button", { name: ja.checkout.payWithPoints }).count()).toBe(0)
  })
})
