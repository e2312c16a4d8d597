import {
  ACTION_MS,
  api,
  browserTest,
  createGame,
  createPlayer,
  describeBrowser,
  expectNoSeriousA11yViolations,
  messages,
  type Player,
  saveScreenshot,
  signInThroughPage,
  storeUrl,
  useBrowser,
} from "./harness"

/**
 * axe-core (WCAG 2.1 A and AA rules) on the pages a player goes through: home, a game page,
 * checkout and the library, signed in so that the header's account menu and the player's own
 * content are checked too. A `serious` or `critical` violation fails the test with the elements
 * axe found. Each page is also kept as a screenshot (test-output/browser/).
 */
useBrowser()
const en = messages("en")

describeBrowser("accessibility (axe)", () => {
  let player: Player
  let owned: any
  let forSale: any
  beforeAll(async () => {
    const stamp = Date.now().toString(36)
    const prices = [{ currency_code: "usd", amount: 14.99 }]
    ;[owned, forSale] = await Promise.all([
      createGame({ title: `Axe Owned ${stamp}`, prices, service_countries: ["US"] }),
      createGame({ title: `Axe For Sale ${stamp}`, prices, service_countries: ["US"], description: "A game to check.\n\nIts second paragraph." }),
    ])
    player = await createPlayer({ residence: "US" })
    // The library needs a game in it: bought through the Store API, as checkout would.
    const { purchase } = await api("POST", "/store/purchases", {
      body: { game_ids: [owned.id], points: 0, payment: { method: "card", account: "4242424242424242" } },
      headers: { ...player.auth, "idempotency-key": `axe-${stamp}` },
    })
    const done = await api("GET", `/store/purchases/${purchase.id}?wait=20`, { headers: player.auth })
    expect(done.purchase.status).toBe("completed")
  }, 90_000)

  browserTest("home, game page, checkout and library have no serious or critical violations", async ({ page }) => {
    await signInThroughPage(page, player, "us")

    await page.goto(storeUrl("/us"))
    await page.getByRole("heading", { name: en.home.featured }).first().waitFor()
    await saveScreenshot(page, "home")
    await expectNoSeriousA11yViolations(page, "the home page")

    await page.goto(storeUrl(`/us/games/${forSale.handle}`))
    await page.getByRole("heading", { level: 1, name: forSale.title }).waitFor()
    await saveScreenshot(page, "game-page")
    await expectNoSeriousA11yViolations(page, "a game page")

    await page.getByRole("main").getByRole("link", { name: en.game.buy, exact: true }).click()
    await page.waitForURL((u) => u.pathname === "/us/checkout", { timeout: ACTION_MS })
    await page.getByRole("heading", { level: 1, name: en.checkout.title }).waitFor()
    await page.getByRole("radio").first().waitFor()
    await expectNoSeriousA11yViolations(page, "checkout")

    await page.goto(storeUrl("/us/library"))
    await page.getByRole("heading", { level: 2, name: owned.title }).waitFor()
    await expectNoSeriousA11yViolations(page, "the library")
  })

  browserTest("the other pages a player meets: sign-up, Korean home with search suggestions, cart, account, a game not sold here", async ({ page }) => {
    const ko = messages("ko")
    await page.goto(storeUrl("/us/sign-up"))
    await page.getByRole("heading", { level: 1, name: en.auth.signUpTitle }).waitFor()
    await expectNoSeriousA11yViolations(page, "the sign-up page")

    await page.goto(storeUrl("/kr"))
    await page.getByRole("heading", { name: ko.home.featured }).first().waitFor()
    const box = page.getByRole("banner").getByRole("combobox", { name: ko.search.label })
    await box.click()
    await box.pressSequentially("Axe", { delay: 30 })
    await page.getByRole("listbox", { name: ko.search.suggestions }).waitFor()
    await expectNoSeriousA11yViolations(page, "the Korean home page with the search suggestions open")

    await signInThroughPage(page, player, "us")
    await expectNoSeriousA11yViolations(page, "the account page")
    await page.goto(storeUrl(`/us/games/${forSale.handle}`))
    await page.getByRole("main").getByRole("button", { name: en.game.addToCart, exact: true }).click()
    await page.waitForURL((u) => u.pathname === "/us/cart", { timeout: ACTION_MS })
    await page.getByRole("main").getByRole("link", { name: forSale.title }).waitFor()
    await expectNoSeriousA11yViolations(page, "the cart")

    await page.goto(storeUrl(`/jp/games/${forSale.handle}`))
    await page.getByRole("note").first().waitFor()
    await expectNoSeriousA11yViolations(page, "a game page with the not-sold notice")
  })
})
