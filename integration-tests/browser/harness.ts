import fs from "fs"
import { createRequire } from "module"
import path from "path"
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core"
import { BROWSER_STATE_ENV, CHROMIUM_ARGS, OUTPUT_DIR, type BrowserState } from "./state"

export { OUTPUT_DIR }

/**
 * What a browser spec uses: the running store started once for the group by global-setup.ts (its
 * URLs, publishable key, an admin token), Chromium through playwright-core (one per spec file), a
 * fresh browser context and page per test with a screenshot on failure, and API helpers (players,
 * games, stored mails).
 *
 *   const h = useBrowser()
 *   describeBrowser("…", () => {
 *     browserTest("…", async ({ page }) => { … })
 *   })
 */
const root = path.resolve(__dirname, "../..")
// playwright-core and @axe-core/playwright are devDependencies of the storefront workspace.
const storefrontRequire = createRequire(path.join(root, "storefront", "package.json"))
const { chromium } = storefrontRequire("playwright-core") as typeof import("playwright-core")
// Typed here by the little used of it: its own types resolve only from the storefront workspace.
type AxeViolation = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }
type AxeBuilderLike = { withTags(tags: string[]): AxeBuilderLike; analyze(): Promise<{ violations: AxeViolation[] }> }
const { AxeBuilder } = storefrontRequire("@axe-core/playwright") as { AxeBuilder: new (options: { page: Page }) => AxeBuilderLike }

/** Bounds for every wait in the browser (the machine is shared: two cores). */
export const ACTION_MS = 15_000
export const NAVIGATION_MS = 30_000
export const TEST_MS = 120_000

function readState(): BrowserState {
  const file = process.env[BROWSER_STATE_ENV]
  if (!file || !fs.existsSync(file)) {
    throw new Error(`${BROWSER_STATE_ENV} is not set: run the browser specs as the integration:browser group (TEST_TYPE=integration:browser), whose globalSetup starts the store`)
  }
  return JSON.parse(fs.readFileSync(file, "utf8"))
}

export const state = readState()
if (state.skip) console.warn(`[browser] SKIPPED: ${state.skip}`)

/** `describe`, or `describe.skip` (with the reason printed) when the group has no Chromium. */
export const describeBrowser: jest.Describe = state.skip ? describe.skip : describe

let browser: Browser | null = null

/** Launches Chromium for this spec file (beforeAll) and closes it after (afterAll). */
export function useBrowser() {
  beforeAll(async () => {
    if (state.skip) return
    browser = await chromium.launch({ executablePath: state.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 })
  }, 90_000)
  afterAll(async () => {
    await browser?.close().catch(() => {})
    browser = null
  }, 30_000)
  return state
}

export type BrowserTestContext = { page: Page; context: BrowserContext; state: BrowserState }

/**
 * One test in a fresh browser context (own cookies), `options` for it (X-Forwarded-For through
 * extraHTTPHeaders, locale, user agent). On failure: a full-page screenshot to the artifacts folder,
 * named in the error with the page's URL and the server log.
 */
export function browserTest(name: string, fn: (t: BrowserTestContext) => Promise<void>, { options = {}, timeout = TEST_MS }: { options?: BrowserContextOptions; timeout?: number } = {}) {
  test(
    name,
    async () => {
      if (!browser) throw new Error("Chromium is not running: call useBrowser() in the spec file")
      const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 }, ...options })
      context.setDefaultTimeout(ACTION_MS)
      context.setDefaultNavigationTimeout(NAVIGATION_MS)
      const page = await context.newPage()
      const errors: string[] = []
      page.on("pageerror", (e) => errors.push(e.message))
      try {
        await fn({ page, context, state })
      } catch (error) {
        const file = path.join(state.artifactsDir, `${name.replace(/[^\w-]+/g, "_").slice(0, 80)}.png`)
        const shot = await page
          .screenshot({ path: file, fullPage: true, timeout: 10_000 })
          .then(() => `screenshot ${file}`)
          .catch((e) => `no screenshot (${(e as Error).message.split("\n")[0]})`)
        const e = error as Error
        const note = `\n\n[browser] at ${page.url()}; ${shot}; server log ${state.serverLog}${errors.length ? `\npage errors: ${errors.join(" | ")}` : ""}`
        // Jest prints the stack, which was written with the message before this note.
        if (e.stack?.includes(e.message)) e.stack = e.stack.replace(e.message, e.message + note)
        e.message += note
        throw e
      } finally {
        await context.close().catch(() => {})
      }
    },
    timeout
  )
}

/** A full-page screenshot of what the player sees now, as OUTPUT_DIR/<name>.png. */
export async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true })
  const file = path.join(OUTPUT_DIR, `${name.replace(/[^\w-]+/g, "_")}.png`)
  await page.screenshot({ path: file, fullPage: true, timeout: ACTION_MS })
  return file
}

/** The WCAG 2.1 A/AA rules axe checks (best-practice rules left out: they are advice, not failures). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

/**
 * axe-core on the page as it is now; throws listing every `serious` or `critical` violation with
 * the elements it found (selector and axe's summary), so a failure says what to fix.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
  const minor = result.violations.filter((v) => !bad.includes(v))
  // Not failures, but worth seeing in the output.
  if (minor.length) console.warn(`[axe] ${what}: ${minor.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(", ")}`)
  if (!bad.length) return result
  const lines = bad.map(
    (v) =>
      `- ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300)}`)
        .join("\n")
  )
  throw new Error(`axe: ${bad.length} serious or critical violation(s) on ${what} (${page.url()}):\n${lines.join("\n")}`)
}

// ── API helpers ────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A JSON call to the backend; throws with the answer on a non-2xx status. */
export async function api<T = any>(method: string, pathname: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(`${state.backendUrl}${pathname}`, {
    method,
    headers: { "content-type": "application/json", "x-publishable-api-key": state.publishableKey, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(data)}`)
  return data as T
}

export const adminHeaders = () => ({ authorization: `Bearer ${state.adminToken}` })

/** The mails stored for `to` (newest first, as GET /admin/notifications?channel=email answers). */
export async function mailsTo(to: string): Promise<any[]> {
  const { notifications } = await api("GET", `/admin/notifications?channel=email&to=${encodeURIComponent(to)}`, { headers: adminHeaders() })
  return notifications
}

/** Waits (bounded) for a mail to `to` with `template` (the outbox sends in the background). */
export async function waitForMail(to: string, template: string, ms = 30_000): Promise<any> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(250)) {
    const mail = (await mailsTo(to)).find((n) => n.template === template)
    if (mail) return mail
  }
  throw new Error(`no "${template}" mail to ${to} within ${ms / 1000} s`)
}

export type Player = { id: string; email: string; password: string; token: string; auth: Record<string, string> }

/**
 * A player signed up through the API as the storefront would: registration, account with a
 * residence country, the mailed verification link followed (unless `verified: false`), login.
 */
export async function createPlayer({ residence = "US", verified = true, email, password = "browser-pass-1" }: { residence?: string; verified?: boolean; email?: string; password?: string } = {}): Promise<Player> {
  email ??= `browser-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`
  const reg = await api("POST", "/auth/customer/emailpass/register", { body: { email, password } })
  const { customer } = await api("POST", "/store/accounts", {
    body: { email, first_name: "Browser", last_name: "Player", residence_country: residence },
    headers: { authorization: `Bearer ${reg.token}` },
  })
  if (verified) {
    const mail = await waitForMail(email, "email-verification")
    const token = new URL(mail.data.url).searchParams.get("token")
    await api("GET", `/store/email-verifications/${token}`)
  }
  const login = await api("POST", "/auth/customer/emailpass", { body: { email, password } })
  return { id: customer.id, email, password, token: login.token, auth: { authorization: `Bearer ${login.token}` } }
}

/** The customer behind an email (a player who signed up through the pages). */
export async function customerByEmail(email: string): Promise<{ id: string; email: string }> {
  const { customers } = await api("GET", `/admin/customers?q=${encodeURIComponent(email)}&limit=5`, { headers: adminHeaders() })
  const customer = customers.find((c: any) => c.email === email)
  if (!customer) throw new Error(`no customer ${email}`)
  return customer
}

/** Points given by staff (POST /admin/customers/:id/points/adjustments), the way players get points outside a purchase. */
export async function grantPoints(customerId: string, points: number) {
  await api("POST", `/admin/customers/${customerId}/points/adjustments`, {
    body: { points, reason: "browser test" },
    headers: { ...adminHeaders(), "idempotency-key": `browser-${customerId}-${Date.now()}` },
  })
}

/** A player's points balance as staff see it. */
export async function pointsBalance(customerId: string): Promise<number> {
  const data = await api("GET", `/admin/customers/${customerId}/points`, { headers: adminHeaders() })
  return Number(data.balance ?? data.points?.balance)
}

/** An active promotion code: `percent` off the items (POST /admin/promotions). */
export async function createPromotion(code: string, percent: number) {
  const { promotion } = await api("POST", "/admin/promotions", {
    body: { code, type: "standard", status: "active", application_method: { type: "percentage", target_type: "items", allocation: "across", value: percent } },
    headers: adminHeaders(),
  })
  return promotion
}

export type NewGame = {
  title: string
  prices: { currency_code: string; amount: number }[]
  service_countries: string[]
  /** Days from now; negative for a released game. Default: released 30 days ago. */
  release_in_days?: number
  [field: string]: unknown
}

/** Creates a game through the admin API (POST /admin/games); other details filled in. */
export async function createGame({ release_in_days = -30, ...game }: NewGame): Promise<any> {
  const body = {
    genres: ["action"],
    developer: "Browser Dev",
    publisher: "Browser Pub",
    platforms: ["windows"],
    release_at: new Date(Date.now() + release_in_days * 86400e3).toISOString(),
    ...game,
  }
  return (await api("POST", "/admin/games", { body, headers: adminHeaders() })).game
}

// ── pages ──

/** An address on the storefront. */
export const storeUrl = (pathname: string) => `${state.storefrontUrl}${pathname}`

/** Signs `player` in through the sign-in page of `country` (in that shop's language `locale`). */
export async function signInThroughPage(page: Page, player: Pick<Player, "email" | "password">, country: string, locale: "en" | "ko" | "ja" = "en") {
  const auth = messages(locale).auth
  await page.goto(storeUrl(`/${country}/sign-in`))
  const main = page.getByRole("main")
  await main.getByLabel(auth.email, { exact: true }).fill(player.email)
  await main.getByLabel(auth.password, { exact: true }).fill(player.password)
  await main.getByRole("button", { name: auth.signIn, exact: true }).click()
  // Signed in, the sign-in page sends the player on to the account page.
  await page.waitForURL((u) => u.pathname === `/${country}/account`, { timeout: NAVIGATION_MS })
}

// ── the storefront's own texts ─────────────────────────────────────────────────────────────────

// Nested groups (purchase.heading.completed) are objects; most entries are strings.
type Messages = Record<string, Record<string, any>>
const messageCache: Record<string, Messages> = {}

/** The storefront's messages for a language (storefront/messages/<locale>.json), to find what users read. */
export function messages(locale: "en" | "ko" | "ja"): Messages {
  return (messageCache[locale] ??= JSON.parse(fs.readFileSync(path.join(root, "storefront", "messages", `${locale}.json`), "utf8")))
}

/** An ICU message with its {placeholders} as a pattern ("Not sold in {country}" → /Not sold in .+/). */
export function messagePattern(text: string) {
  const parts = text.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  return new RegExp(parts.join(".+"))
}

/** A price as the storefront formats it (Intl, the shop's "language-COUNTRY" tag). */
export function formatPrice(amount: number, currency: string, intl: string) {
  return new Intl.NumberFormat(intl, { style: "currency", currency: currency.toUpperCase() }).format(amount)
}
