import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, failure, seedForTests } from "../helpers"
import { GIFT_MODULE } from "../../src/modules/gift"
import type GiftModuleService from "../../src/modules/gift/service"
import { ACCOUNT_MODULE } from "../../src/modules/account"
import type AccountModuleService from "../../src/modules/account/service"

jest.setTimeout(180 * 1000)

/**
 * The staff gift report over gifts written straight through the gift module: the report is under
 * test here, not the gift saga.
 */
type Seed = [key: string, from: string, to: string, game: string, state: string, currency: string, amount: number, created: string]
const SEEDS: Seed[] = [
  ["g1", "A", "B", "x", "accepted", "usd", 19.99, "2026-01-05T10:00:00.000Z"],
  ["g2", "A", "C", "y", "refunded", "usd", 9.99, "2026-01-05T10:00:00.000Z"],
  ["g3", "B", "A", "z", "delivered", "krw", 22000, "2026-01-20T08:30:00.000Z"],
  ["g4", "B", "C", "x", "scheduled", "krw", 33000, "2026-02-01T00:00:00.000Z"],
  ["g5", "C", "D", "y", "expired", "eur", 9.99, "2026-02-10T12:00:00.000Z"],
  ["g6", "C", "A", "z", "cancelled", "eur", 49.99, "2026-02-15T12:00:00.000Z"],
  ["g7", "D", "B", "x", "failed", "usd", 19.99, "2026-03-01T00:00:00.000Z"],
  ["g8", "A", "D", "z", "accepted", "usd", 49.99, "2026-03-05T09:00:00.000Z"],
  ["g9", "B", "D", "y", "paying", "krw", 11000, "2026-03-10T09:00:00.000Z"],
  ["g10", "D", "A", "y", "refunded", "jpy", 1200, "2026-03-15T09:00:00.000Z"],
]
const COUNTRY: Record<string, string> = { A: "US", B: "KR", C: "DE", D: "JP" }
const EMAIL: Record<string, string> = { A: "alice@example.com", B: "bob@example.com", C: "carol@example.com", D: "-dave@example.com" }
// Handles and titles a spreadsheet would run as formulas, or that need quoting.
const HANDLE: Record<string, string> = { A: "=cmd|' /C calc'!A0", B: "bob", C: "+carol" }
const TITLE: Record<string, string> = { x: 'Tidal, "Archive"\nII', y: "@Moss Engine", z: "Orbit" }

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") record.push(cell), (cell = "")
    else if (ch === "\r" && text[i + 1] === "\n") record.push(cell), records.push(record), (record = []), (cell = ""), i++
    else cell += ch
  }
  if (cell || record.length) record.push(cell), records.push(record)
  return records
}

const guarded = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)
const cellOf = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? guarded(v) : String(v))
/** The CSV cells an API row must export as, by column. */
const expectedCells = (g: any): Record<string, string> => ({
  id: g.id, created_at: g.created_at ?? "", bought_at: g.bought_at ?? "", deliver_at: g.deliver_at ?? "",
  delivered_at: g.delivered_at ?? "", answered_at: g.answered_at ?? "", refunded_at: g.refunded_at ?? "",
  state: g.state, refund_reason: cellOf(g.refund_reason), sender_id: g.sender.id, sender_email: cellOf(g.sender.email),
  sender_handle: cellOf(g.sender.handle), sender_country: g.sender_country, recipient_id: g.recipient.id,
  recipient_email: cellOf(g.recipient.email), recipient_handle: cellOf(g.recipient.handle),
  recipient_country: g.recipient_country, game_id: g.game.id, game_title: cellOf(g.game.title),
  currency_code: g.currency_code, amount: cellOf(g.amount), cash_amount: cellOf(g.cash_amount), points_used: cellOf(g.points_used),
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let admin: any
    const people: Record<string, string> = {}
    const ids: Record<string, string> = {}
    const gifts = () => getContainer().resolve<GiftModuleService>(GIFT_MODULE)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    const giftInput = (key: string, from: string, to: string, game: string, state: string, currency: string, amount: number) => ({
      sender_id: people[from],
      recipient_id: people[to],
      game_id: `game_${game}`,
      game_title: TITLE[game] ?? `Game ${game}`,
      idempotency_key: key,
      request_hash: "h",
      state: state as any,
      refund_reason: state === "refunded" ? "declined" : null,
      sender_country: COUNTRY[from],
      recipient_country: COUNTRY[to],
      currency_code: currency,
      amount,
      points_used: Math.round(amount) % 7,
      cash_amount: amount / 2,
      deliver_at: new Date("2026-04-01T00:00:00Z"),
      bought_at: state === "paying" || state === "failed" ? null : new Date("2026-01-01T00:00:00Z"),
    })

    beforeAll(async () => {
      await seedForTests(getContainer(), 1)
      admin = await adminHeaders(api)
      const customers = await getContainer()
        .resolve(Modules.CUSTOMER)
        .createCustomers(Object.values(EMAIL).map((email) => ({ email })))
      Object.keys(EMAIL).forEach((k, i) => (people[k] = customers[i].id))
      await getContainer()
        .resolve<AccountModuleService>(ACCOUNT_MODULE)
        .createPlayerProfiles(Object.entries(HANDLE).map(([k, handle]) => ({ customer_id: people[k], handle, display_name: k })))
      const created = await gifts().createGifts(SEEDS.map(([key, ...rest]) => giftInput(key, ...(rest.slice(0, 6) as [string, string, string, string, string, number]))))
      for (const [i, [key, , , , , , , at]] of SEEDS.entries()) {
        ids[key] = created[i].id
        await knex()("gift").where({ id: created[i].id }).update({ created_at: at })
      }
    })

    /** Every row of a filtered report, paged through 3 at a time, and the totals of the first page. */
    async function allRows(query: string) {
      const rows: any[] = []
      let first: any
      for (let offset = 0; ; offset += 3) {
        const { data } = await api.get(`/admin/gifts?${query}&limit=3&offset=${offset}`, admin)
        first ??= data
        expect(data.count).toBe(first.count)
        rows.push(...data.gifts)
        if (data.gifts.length < 3) break
      }
      expect(rows).toHaveLength(first.count)
      return { rows, totals: first.totals }
    }
    // Axios strips a BOM from text responses; the export's must be there for Excel.
    async function csv(url: string) {
      const res = await api.get(url, { ...admin, responseType: "arraybuffer" })
      return { headers: res.headers, text: Buffer.from(res.data).toString("utf8") }
    }
    const keysOf = (rows: any[]) => rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id)).sort()
    const seedsWhere = (test: (s: Seed) => boolean) => SEEDS.filter(test).map((s) => s[0]).sort()

    it("narrows by state, date range, country and game, each alone and together", async () => {
      const cases: [string, (s: Seed) => boolean][] = [
        ["state=accepted", (s) => s[4] === "accepted"],
        ["state=accepted,refunded", (s) => ["accepted", "refunded"].includes(s[4])],
        ["state=accepted&state=refunded", (s) => ["accepted", "refunded"].includes(s[4])],
        // Half-open: a gift created exactly at `to` belongs to the next range.
        ["from=2026-02-01&to=2026-03-01", (s) => s[7] >= "2026-02-01" && s[7] < "2026-03-01"],
        ["from=2026-03-01T00:00:00Z", (s) => s[7] >= "2026-03-01"],
        ["country=KR", (s) => COUNTRY[s[1]] === "KR" || COUNTRY[s[2]] === "KR"],
        ["country=us", (s) => COUNTRY[s[1]] === "US" || COUNTRY[s[2]] === "US"],
        ["game_id=game_x", (s) => s[3] === "x"],
        ["state=accepted&country=JP", (s) => s[4] === "accepted" && (COUNTRY[s[1]] === "JP" || COUNTRY[s[2]] === "JP")],
        ["game_id=game_y&to=2026-03-01&state=refunded,expired", (s) => s[3] === "y" && s[7] < "2026-03-01" && ["refunded", "expired"].includes(s[4])],
        ["game_id=game_nope", () => false],
      ]
      for (const [query, test] of cases) {
        const { rows } = await allRows(query)
        expect([query, keysOf(rows)]).toEqual([query, seedsWhere(test)])
      }
    })

    it("pages newest first, ties by id, and totals per state and currency equal the sum of every filtered row", async () => {
      const { rows, totals } = await allRows("country=US")
      const times = rows.map((r) => `${r.created_at}|${r.id}`)
      expect(times).toEqual([...times].sort().reverse())
      const sums = new Map<string, any>()
      for (const r of rows) {
        const key = `${r.state}|${r.currency_code}`
        const t = sums.get(key) ?? { state: r.state, currency_code: r.currency_code, count: 0, amount: 0, cash_amount: 0, points_used: 0 }
        t.count++, (t.amount += r.amount), (t.cash_amount += r.cash_amount), (t.points_used += r.points_used)
        sums.set(key, t)
      }
      expect(totals).toHaveLength(sums.size)
      for (const t of totals) {
        const expected = sums.get(`${t.state}|${t.currency_code}`)
        expect(t.count).toBe(expected.count)
        expect(t.amount).toBeCloseTo(expected.amount, 6)
        expect(t.cash_amount).toBeCloseTo(expected.cash_amount, 6)
        expect(t.points_used).toBe(expected.points_used)
      }
    })

    it("shows people, game and money on each row", async () => {
      const { data } = await api.get(`/admin/gifts?game_id=game_x&state=accepted`, admin)
      expect(data.gifts).toEqual([
        expect.objectContaining({
          id: ids.g1,
          sender: { id: people.A, email: EMAIL.A, handle: HANDLE.A },
          recipient: { id: people.B, email: EMAIL.B, handle: "bob" },
          game: { id: "game_x", title: TITLE.x },
          currency_code: "usd",
          amount: 19.99,
          cash_amount: 9.995,
          points_used: 6,
          created_at: "2026-01-05T10:00:00.000Z",
        }),
      ])
      const { data: noProfile } = await api.get(`/admin/gifts?state=failed`, admin)
      expect(noProfile.gifts[0].sender).toEqual({ id: people.D, email: EMAIL.D, handle: null })
    })

    it("exports the same rows as the API, escaped and with formulas defused", async () => {
      for (const query of ["", "country=KR&state=accepted,delivered,scheduled,failed,paying", "from=2026-02-01&to=2026-03-01"]) {
        const { headers, text } = await csv(`/admin/gifts/export?${query}`)
        expect(headers["content-type"]).toMatch(/^text\/csv/)
        expect(headers["content-disposition"]).toMatch(/^attachment; filename="gifts-\d{4}-\d{2}-\d{2}\.csv"$/)
        expect(text.startsWith("\uFEFF")).toBe(true)
        const [header, ...records] = parseCsv(text.slice(1))
        const { rows } = await allRows(query)
        expect(records.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])))).toEqual(rows.map(expectedCells))
      }
      const { text } = await csv(`/admin/gifts/export`)
      expect(text).toContain(`,"Tidal, ""Archive""\nII",`)
      expect(text).toContain(`,'@Moss Engine,`)
      expect(text).toContain(`,'=cmd|' /C calc'!A0,`)
      expect(text).toContain(`,'+carol,`)
      expect(text).toContain(`,'-dave@example.com,`)
      expect(text).not.toMatch(/,[=+\-@]/)
    })

    it("returns one gift with its history, oldest first; export is not taken for an id", async () => {
      const [gift] = await gifts().createGifts([giftInput("hist", "A", "B", "hist", "paying", "usd", 5)])
      await gifts().recordCreated(gift.id, { cause: "requested", actor: `customer:${people.A}` })
      await gifts().transition(gift.id, ["paying"], "scheduled", { cause: "paid", actor: "system" })
      await gifts().transition(gift.id, ["scheduled"], "delivered", { cause: "due", actor: "system" })
      const { data } = await api.get(`/admin/gifts/${gift.id}`, admin)
      expect(data.gift).toMatchObject({ id: gift.id, state: "delivered", sender: { id: people.A }, game: { id: "game_hist" }, message: "" })
      expect(data.history.map((e: any) => [e.from_state, e.to_state, e.cause])).toEqual([
        [null, "paying", "requested"],
        ["paying", "scheduled", "paid"],
        ["scheduled", "delivered", "due"],
      ])
      expect((await failure(api.get(`/admin/gifts/gift_nope`, admin))).status).toBe(404)
      const exported = await csv(`/admin/gifts/export?game_id=game_hist`)
      expect(exported.headers["content-type"]).toMatch(/^text\/csv/)
      expect(parseCsv(exported.text.slice(1)).map((r) => r[0])).toEqual(["id", gift.id])
    })

    it("refuses bad queries with 400 and callers without admin auth with 401", async () => {
      const bad = ["state=bogus", "from=2026-03-01&to=2026-02-01", "game_id=a%00b", "limit=100000", "limit=0", "zz=1", "from=yesterday", "country=XX"]
      for (const query of bad) {
        const res = await failure(api.get(`/admin/gifts?${query}`, admin))
        expect([query, res.status, typeof res.data.message]).toEqual([query, 400, "string"])
        if (query.startsWith("limit")) continue
        const csv = await failure(api.get(`/admin/gifts/export?${query}`, admin))
        expect([query, csv.status]).toEqual([query, 400])
      }
      expect((await failure(api.get(`/admin/gifts/export?limit=5`, admin))).status).toBe(400)
      expect((await failure(api.get(`/admin/gifts/${ids.g1}?zz=1`, admin))).status).toBe(400)
      for (const url of ["/admin/gifts", "/admin/gifts/export", `/admin/gifts/${ids.g1}`]) {
        expect((await failure(api.get(url))).status).toBe(401)
      }
    })

    it("streams the CSV of 10,000 gifts in keyset batches, the first bytes before the last batch is read", async () => {
      const started = Date.now()
      for (let chunk = 0; chunk < 10; chunk++) {
        await gifts().createGifts(
          Array.from({ length: 1000 }, (_, i) => giftInput(`bulk-${chunk}-${i}`, i % 2 ? "A" : "B", i % 2 ? "B" : "A", "bulk", i % 3 ? "accepted" : "refunded", "usd", 10 + (i % 5)))
        )
      }
      // Timestamps within one second, to the microsecond and some equal: the keyset must neither skip nor repeat.
      await knex().raw(`update gift set created_at = '2025-06-01T00:00:00Z'::timestamptz + (floor(random() * 1000000) * interval '1 microsecond') where game_id = 'game_bulk'`)
      const inserted = Date.now() - started

      let batches = 0
      const onQuery = (q: { sql: string }) => {
        if (/cursor_at/.test(q.sql)) batches++
      }
      knex().on("query", onQuery)
      let chunks = 0
      let batchesAtFirstChunk = -1
      let text = ""
      try {
        const res = await api.get(`/admin/gifts/export?game_id=game_bulk`, { ...admin, responseType: "stream" })
        for await (const chunk of res.data) {
          if (chunks++ === 0) batchesAtFirstChunk = batches
          text += chunk.toString()
        }
      } finally {
        knex().off("query", onQuery)
      }
      const [, ...records] = parseCsv(text.slice(1))
      expect(records).toHaveLength(10_000)
      expect(new Set(records.map((r) => r[0])).size).toBe(10_000)
      // 20 full batches of 500 and the empty read that ends them.
      expect(batches).toBeGreaterThanOrEqual(20)
      expect(batchesAtFirstChunk).toBeGreaterThanOrEqual(1)
      expect(batchesAtFirstChunk).toBeLessThan(batches / 2)
      expect(chunks).toBeGreaterThan(1)
      const { data } = await api.get(`/admin/gifts?game_id=game_bulk&limit=200`, admin)
      expect(records.slice(0, 200).map((r) => r[0])).toEqual(data.gifts.map((g: any) => g.id))
      expect(inserted).toBeLessThan(60_000)
    })
  },
})
