import type { Page } from "playwright-core"
import {
  api,
  browserTest,
  createGame,
  describeBrowser,
  formatPrice,
  messagePattern,
  messages,
  useBrowser,
} from "./harness"

/**
 * The storefront in Chromium against the real backend (one store for the group, global-setup.ts):
 * what a visitor sees on the first visit, searching, a game page, a game not sold in the country,
 * the country / language switcher and the game page's link previews. Locators go by role and
 * accessible name, so each step also checks that the page is usable with assistive technology.
 */
const store = useBrowser()
const en = messages("en")
const ko = messages("ko")
const ja = messages("ja")

// Public addresses geoip-country places in these countries.
const KR_IP = "211.234.100.1"
const US_IP = "8.8.8.8"

type ListedGame = {
  id: string
  handle: string
  title: string
  released: boolean
  preorder_enabled: boolean
  service_countries: string[]
  price: { amount: number; currency_code: string } | null
}

/** Seeded games sold in `country` with a price there that can be bought or pre-ordered. */
async function buyableGames(country: string): Promise<ListedGame[]> {
  const { games } = await api<{ games: ListedGame[] }>("GET", `/store/games?country_code=${country}&country=${country}&order=title&limit=100`)
  return games.filter((g) => g.price && g.price.amount > 0 && (g.released || g.preorder_enabled) && g.service_countries.includes(country))
}

const url = (pathname: string) => `${store.storefrontUrl}${pathname}`
const pathOf = (page: Page) => new URL(page.url()).pathname

/** The header's search combobox (the one in the site header, not a page's own filter field). */
const searchBox = (page: Page, label: string) => page.getByRole("banner").getByRole("combobox", { name: label })

async function expectPath(page: Page, pathname: string) {
  await page.waitForURL((u) => u.pathname === pathname, { timeout: 30_000 })
  expect(pathOf(page)).toBe(pathname)
}

describeBrowser("the storefront in a browser", () => {
  describe("first visit", () => {
    browserTest(
      "a visitor from a Korean IP opening / lands on /kr, in Korean, with prices in won",
      async ({ page }) => {
        const res = await page.goto(url("/"))
        expect(res?.ok()).toBe(true)
        await expectPath(page, "/kr")
        expect(await page.locator("html").getAttribute("lang")).toBe("ko")
        // The header in Korean: the main navigation and the search box.
        const nav = page.getByRole("navigation", { name: ko.common.mainNav })
        await nav.getByRole("link", { name: ko.common.browse }).waitFor()
        await searchBox(page, ko.search.label).waitFor()
        await page.getByRole("heading", { name: ko.home.featured }).first().waitFor()
        // Prices in KRW as Korean formats them (₩12,000), never in dollars.
        const won = page.getByText(/₩\s?\d{1,3}(,\d{3})+/).first()
        await won.waitFor()
        expect(await won.textContent()).toMatch(/₩/)
        expect(await page.getByText(/\$\s?\d/).count()).toBe(0)
        // The switcher names the country and its currency.
        expect(await page.getByRole("banner").getByLabel(ko.prefs.open, { exact: true }).textContent()).toContain("KR · KRW")
      },
      { options: { extraHTTPHeaders: { "X-Forwarded-For": KR_IP } } }
    )

    browserTest(
      "a visitor from a US IP opening / lands on /us, in English, with prices in dollars",
      async ({ page }) => {
        await page.goto(url("/"))
        await expectPath(page, "/us")
        expect(await page.locator("html").getAttribute("lang")).toBe("en")
        await page.getByRole("navigation", { name: en.common.mainNav }).getByRole("link", { name: en.common.browse }).waitFor()
        await page.getByText(/\$\d+\.\d{2}/).first().waitFor()
      },
      { options: { extraHTTPHeaders: { "X-Forwarded-For": US_IP } } }
    )
  })

  describe("search", () => {
    browserTest("typing part of a title shows suggestions; the keyboard opens one, priced in the country's currency with its action", async ({ page }) => {
      const games = await buyableGames("US")
      expect(games.length).toBeGreaterThan(0)
      const game = games[Math.floor(games.length / 2)]
      // Part of the title: its first word and the start of the next ("Neon Dr").
      const words = game.title.split(" ")
      const typed = words.length > 1 ? `${words[0]} ${words[1].slice(0, 2)}` : game.title.slice(0, Math.max(2, game.title.length - 2))

      await page.goto(url("/us"))
      const box = searchBox(page, en.search.label)
      expect(await box.getAttribute("aria-expanded")).toBe("false")
      await box.click()
      await box.pressSequentially(typed, { delay: 40 })

      // The combobox's popup: a listbox, named, with the game among its options.
      const list = page.getByRole("listbox", { name: en.search.suggestions })
      await list.waitFor()
      expect(await box.getAttribute("aria-expanded")).toBe("true")
      expect(await box.getAttribute("aria-controls")).toBe(await list.getAttribute("id"))
      const option = list.getByRole("option", { name: new RegExp(`^${game.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) })
      await option.waitFor()
      // The live region announces the number of suggestions.
      await page.getByRole("status").filter({ hasText: /\d+ suggestion/ }).waitFor()

      // ↓ until the game is the active option (aria-activedescendant, aria-selected), then Enter.
      const count = await list.getByRole("option").count()
      for (let i = 0; i < count && (await option.getAttribute("aria-selected")) !== "true"; i++) await box.press("ArrowDown")
      expect(await option.getAttribute("aria-selected")).toBe("true")
      expect(await box.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"))
      await box.press("Enter")

      await expectPath(page, `/us/games/${game.handle}`)
      await page.getByRole("heading", { level: 1, name: game.title }).waitFor()
      await page.getByRole("main").getByText(formatPrice(game.price!.amount, "usd", "en-US"), { exact: true }).first().waitFor()
      const action = game.released ? en.game.buy : en.game.preorder
      await page.getByRole("main").getByRole("link", { name: action, exact: true }).waitFor()
    })

    browserTest("Escape closes the suggestions and a second Escape clears the box", async ({ page }) => {
      const [game] = await buyableGames("US")
      await page.goto(url("/us"))
      const box = searchBox(page, en.search.label)
      await box.click()
      await box.pressSequentially(game.title.slice(0, 4), { delay: 40 })
      const list = page.getByRole("listbox", { name: en.search.suggestions })
      await list.getByRole("option").first().waitFor()
      await box.press("Escape")
      await list.waitFor({ state: "hidden" })
      expect(await box.getAttribute("aria-expanded")).toBe("false")
      await box.press("Escape")
      expect(await box.inputValue()).toBe("")
    })
  })

  describe("a game not sold in the visitor's country", () => {
    let game: any
    beforeAll(async () => {
      game = await createGame({
        title: `Browser Only Japan ${Date.now().toString(36)}`,
        prices: [
          { currency_code: "usd", amount: 19.99 },
          { currency_code: "jpy", amount: 2480 },
          { currency_code: "krw", amount: 22000 },
        ],
        service_countries: ["JP"],
      })
    })

    browserTest("shows the not-sold notice in the US, no buy action; in Japan it is for sale in yen", async ({ page }) => {
      await page.goto(url(`/us/games/${game.handle}`))
      await page.getByRole("heading", { level: 1, name: game.title }).waitFor()
      const notice = page.getByRole("note").filter({ has: page.getByRole("heading", { name: messagePattern(en.game.notSoldTitle) }) })
      await notice.waitFor()
      expect(await notice.getByRole("heading").textContent()).toBe("Not sold in United States")
      await notice.getByText(messagePattern(en.game.soldIn)).filter({ hasText: "Japan" }).waitFor()
      const main = page.getByRole("main")
      for (const name of [en.game.buy, en.game.preorder, en.game.addToCart, en.game.gift]) {
        expect(await main.getByRole("link", { name, exact: true }).count()).toBe(0)
        expect(await main.getByRole("button", { name, exact: true }).count()).toBe(0)
      }
      expect(await main.getByText("$19.99").count()).toBe(0)

      await page.goto(url(`/jp/games/${game.handle}`))
      await page.getByRole("heading", { level: 1, name: game.title }).waitFor()
      await page.getByRole("main").getByText(formatPrice(2480, "jpy", "ja-JP"), { exact: true }).first().waitFor()
      await page.getByRole("main").getByRole("link", { name: ja.game.buy, exact: true }).waitFor()
      expect(await page.getByRole("note").filter({ hasText: messagePattern(ja.game.notSoldTitle) }).count()).toBe(0)
    })
  })

  describe("the same pages in Korean and Japanese", () => {
    let game: any
    beforeAll(async () => {
      game = await createGame({
        title: `Browser Twin Shops ${Date.now().toString(36)}`,
        prices: [
          { currency_code: "krw", amount: 27000 },
          { currency_code: "jpy", amount: 2980 },
          { currency_code: "usd", amount: 24.99 },
        ],
        service_countries: ["KR", "JP"],
      })
    })

    const shops = [
      { country: "kr", lang: "ko", m: ko, intl: "ko-KR", price: formatPrice(27000, "krw", "ko-KR") },
      { country: "jp", lang: "ja", m: ja, intl: "ja-JP", price: formatPrice(2980, "jpy", "ja-JP") },
    ] as const

    for (const shop of shops) {
      browserTest(`/${shop.country}: home and game page entirely in ${shop.lang}, priced in the shop's currency`, async ({ page }) => {
        const { m } = shop
        await page.goto(url(`/${shop.country}`))
        expect(await page.locator("html").getAttribute("lang")).toBe(shop.lang)
        const nav = page.getByRole("navigation", { name: m.common.mainNav })
        for (const name of [m.common.browse, m.common.newReleases, m.common.upcoming]) await nav.getByRole("link", { name, exact: true }).waitFor()
        await searchBox(page, m.search.label).waitFor()
        const main = page.getByRole("main")
        for (const name of [m.home.featured, m.home.newReleases, m.home.upcoming, m.home.topSellers]) {
          await main.getByRole("heading", { name, exact: true }).first().waitFor()
        }
        // No English left on the page's chrome (the shop's words differ from the English ones).
        for (const name of [en.home.newReleases, en.home.topSellers, en.common.browse]) expect(await page.getByRole("heading", { name, exact: true }).count()).toBe(0)

        await page.goto(url(`/${shop.country}/games/${game.handle}`))
        await main.getByRole("heading", { level: 1, name: game.title }).waitFor()
        expect(await page.locator("html").getAttribute("lang")).toBe(shop.lang)
        for (const name of [m.game.about, m.game.details]) await main.getByRole("heading", { level: 2, name, exact: true }).waitFor()
        for (const term of [m.game.developer, m.game.publisher, m.game.releaseDate, m.game.platforms]) {
          await main.getByRole("term").filter({ hasText: term }).first().waitFor()
        }
        await main.getByText(shop.price, { exact: true }).first().waitFor()
        const released = new Intl.DateTimeFormat(shop.intl, { dateStyle: "long", timeZone: "UTC" }).format(new Date(game.release_at))
        await main.getByText(m.game.released.replace("{date}", released), { exact: true }).waitFor()
        await main.getByRole("link", { name: m.game.buy, exact: true }).waitFor()
        await main.getByRole("button", { name: m.game.addToCart, exact: true }).waitFor()
        expect(await main.getByRole("link", { name: en.game.buy, exact: true }).count()).toBe(0)
        expect(await page.title()).toContain(game.title)
      })
    }
  })

  describe("country and language switcher", () => {
    browserTest("switching the country keeps the game page and changes currency and language; the language can be chosen apart", async ({ page }) => {
      const game = (await buyableGames("US")).find((g) => g.service_countries.includes("KR"))!
      expect(game).toBeTruthy()
      const { game: inKr } = await api("GET", `/store/games/${game.handle}?country_code=KR`)
      const gamePath = (c: string) => `/${c}/games/${game.handle}`

      await page.goto(url(gamePath("us")))
      const main = page.getByRole("main")
      await main.getByText(formatPrice(game.price!.amount, "usd", "en-US"), { exact: true }).first().waitFor()

      // The header's disclosure (a <summary>, which has no ARIA role here: found by its aria-label,
      // which shows the current country and currency), then the labelled selects and Apply.
      const prefs = (label: string) => page.getByRole("banner").getByLabel(label, { exact: true })
      expect(await prefs(en.prefs.open).textContent()).toContain("US · USD")
      await prefs(en.prefs.open).click()
      await page.getByRole("combobox", { name: en.prefs.country }).selectOption("kr")
      await page.getByRole("button", { name: en.prefs.apply }).click()

      await expectPath(page, gamePath("kr"))
      expect(await page.locator("html").getAttribute("lang")).toBe("ko")
      await page.getByRole("heading", { level: 1, name: game.title }).waitFor()
      await main.getByText(formatPrice(inKr.price.amount, "krw", "ko-KR"), { exact: true }).first().waitFor()
      await main.getByRole("link", { name: game.released ? ko.game.buy : ko.game.preorder, exact: true }).waitFor()
      expect(await prefs(ko.prefs.open).textContent()).toContain("KR · KRW")

      // English while staying in Korea: the words change, the won stay.
      await prefs(ko.prefs.open).click()
      await page.getByRole("combobox", { name: ko.prefs.language }).selectOption("en")
      await page.getByRole("button", { name: ko.prefs.apply }).click()
      // documentElement is null for a moment while the page reloads.
      await page.waitForFunction(() => document.documentElement?.lang === "en", undefined, { timeout: 30_000 })
      expect(pathOf(page)).toBe(gamePath("kr"))
      await main.getByRole("link", { name: game.released ? en.game.buy : en.game.preorder, exact: true }).waitFor()
      await main.getByText(formatPrice(inKr.price.amount, "krw", "en-KR"), { exact: true }).first().waitFor()

      // The choice is remembered: / brings the visitor back to Korea (in English).
      await page.goto(url("/"))
      await expectPath(page, "/kr")
      expect(await page.locator("html").getAttribute("lang")).toBe("en")
    })
  })

  describe("link previews", () => {
    browserTest("the game page's served HTML carries Open Graph tags with an image that loads", async ({ page, context }) => {
      const [game] = await buyableGames("US")
      const pageUrl = url(`/us/games/${game.handle}`)
      // As a link-preview crawler fetches it (Next puts metadata in <head> for such bots) …
      const crawler = await context.request.get(pageUrl, { headers: { "user-agent": "facebookexternalhit/1.1" } })
      expect(crawler.status()).toBe(200)
      const head = (await crawler.text()).split("</head>")[0]
      const meta = (property: string) =>
        head.match(new RegExp(`<meta[^>]+property="${property}"[^>]+content="([^"]*)"`))?.[1] ??
        head.match(new RegExp(`<meta[^>]+content="([^"]*)"[^>]+property="${property}"`))?.[1]
      expect(meta("og:title")).toBe(game.title)
      const image = meta("og:image")
      expect(image).toMatch(/^https?:\/\//)
      expect(meta("og:description")).toContain(formatPrice(game.price!.amount, "usd", "en-US"))
      const png = await context.request.get(image!.replace(/&amp;/g, "&"))
      expect(png.status()).toBe(200)
      expect(png.headers()["content-type"]).toMatch(/^image\//)
      expect((await png.body()).length).toBeGreaterThan(1000)

      // … and as the browser sees the page.
      await page.goto(pageUrl)
      expect(await page.locator('meta[property="og:title"]').first().getAttribute("content")).toBe(game.title)
      expect(await page.locator('meta[property="og:image"]').first().getAttribute("content")).toBe(image)
      expect(await page.title()).toContain(game.title)
    })
  })
})
