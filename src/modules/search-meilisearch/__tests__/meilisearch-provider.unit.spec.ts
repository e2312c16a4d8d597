import http from "node:http"
import type { AddressInfo } from "node:net"
import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { MeilisearchSearchService } from "../service"
import { KSTORE_MEILISEARCH } from "../constants"
import { GAME_INDEX_SETTINGS, gameSearchFields } from "../../../search/_game-fields"
import { gameSearchQuery } from "../../../api/store/search/helpers"

type Call = { method: string; url: string; auth?: string; body: any }
type Reply = { status: number; body?: unknown }

/**
 * A stand-in Meilisearch on a real port: it records every request the provider sends and answers
 * from a script keyed by "METHOD /path", the way Meilisearch's HTTP API answers.
 */
function fakeMeilisearch() {
  const calls: Call[] = []
  let script: Record<string, Reply | ((call: Call) => Reply)> = {}
  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      const call: Call = { method: req.method!, url: req.url!, auth: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined }
      calls.push(call)
      const entry = script[`${call.method} ${call.url}`]
      const reply = typeof entry === "function" ? entry(call) : entry ?? { status: 599, body: { message: `unscripted ${call.method} ${call.url}` } }
      res.writeHead(reply.status, { "content-type": "application/json" })
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body))
    })
  })
  return {
    calls,
    answer: (s: typeof script) => {
      script = s
      calls.length = 0
    },
    start: () => new Promise<string>((r) => server.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  }
}

const definition: SearchTypes.ResolvedSearchIndexDefinition = {
  name: "game",
  entity: "game",
  primary_key: "id",
  provider: KSTORE_MEILISEARCH,
  fields: gameSearchFields.toFields(),
  settings: GAME_INDEX_SETTINGS,
  definition_hash: "test",
  physical_name: "game_v1",
  seed: async function* () {},
}

const succeeded = (uid: number): Reply => ({ status: 200, body: { uid, status: "succeeded" } })

describe("Meilisearch search provider", () => {
  const meili = fakeMeilisearch()
  let provider: MeilisearchSearchService

  beforeAll(async () => {
    const host = await meili.start()
    provider = new MeilisearchSearchService({}, { host, api_key: "test-key" })
  })
  afterAll(() => meili.stop())

  it("creates a missing index, then applies the definition's settings, waiting for both tasks", async () => {
    meili.answer({
      "GET /indexes/game_v1": { status: 404, body: { code: "index_not_found", message: "Index `game_v1` not found." } },
      "POST /indexes": { status: 202, body: { taskUid: 1, status: "enqueued" } },
      "GET /tasks/1": succeeded(1),
      "PATCH /indexes/game_v1/settings": { status: 202, body: { taskUid: 2, status: "enqueued" } },
      "GET /tasks/2": succeeded(2),
    })
    const task = await provider.upsertIndex({ index: definition })

    expect(task).toEqual({ index: "game_v1", status: "succeeded" })
    expect(meili.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET /indexes/game_v1",
      "POST /indexes",
      "GET /tasks/1",
      "PATCH /indexes/game_v1/settings",
      "GET /tasks/2",
    ])
    expect(meili.calls.every((c) => c.auth === "Bearer test-key")).toBe(true)
    expect(meili.calls[1].body).toEqual({ uid: "game_v1", primaryKey: "id" })
    const settings = meili.calls[3].body
    expect(settings).toEqual({
      searchableAttributes: ["title", "title_ko", "title_ja", "genres", "tags", "developer", "publisher"],
      displayedAttributes: Object.keys(definition.fields),
      filterableAttributes: [
        "id", "genres", "tags", "release_at", "released", "on_sale", "service_countries",
        "price_usd", "price_eur", "price_gbp", "price_krw", "price_jpy", "price_brl",
      ],
      sortableAttributes: [
        "id", "title", "release_at", "price_usd", "price_eur", "price_gbp", "price_krw", "price_jpy", "price_brl",
      ],
      rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
      synonyms: expect.objectContaining({
        rpg: ["role-playing", "롤플레잉", "ロールプレイング"],
        "role-playing": ["rpg", "롤플레잉", "ロールプレイング"],
        fps: ["shooter", "first-person shooter", "슈팅", "シューティング"],
        shooter: ["fps", "first-person shooter", "슈팅", "シューティング"],
      }),
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }, disableOnAttributes: [] },
      faceting: { maxValuesPerFacet: 100 },
      distinctAttribute: null,
    })
  })

  it("keeps an existing index and reports a failed settings task as failed", async () => {
    meili.answer({
      "GET /indexes/game_v1": { status: 200, body: { uid: "game_v1", primaryKey: "id" } },
      "PATCH /indexes/game_v1/settings": { status: 202, body: { taskUid: 3 } },
      "GET /tasks/3": { status: 200, body: { uid: 3, status: "failed", error: { message: "bad setting", code: "invalid_settings" } } },
    })
    const task = await provider.upsertIndex({ index: definition })
    expect(task).toEqual({ id: "3", index: "game_v1", status: "failed", error: { message: "bad setting", code: "invalid_settings" } })
    expect(meili.calls.map((c) => c.method)).toEqual(["GET", "PATCH", "GET"])
  })

  it("writes documents with dates as epoch milliseconds and waits on the task", async () => {
    meili.answer({
      "POST /indexes/game_v1/documents?primaryKey=id": { status: 202, body: { taskUid: 7, status: "enqueued" } },
      "GET /tasks/7": succeeded(7),
    })
    const doc = { id: "game_1", title: "The Witcher", release_at: "2024-01-02T03:04:05.000Z", price_usd: 29.99, genres: ["rpg"] }
    const task = await provider.upsertDocuments({ index: "game_v1", definition, documents: [doc] })
    expect(task).toEqual({ id: "7", index: "game_v1", status: "enqueued" })
    expect(meili.calls[0].body).toEqual([{ ...doc, release_at: Date.parse("2024-01-02T03:04:05.000Z") }])
    expect(await provider.waitForTask(task)).toEqual({ ...task, status: "succeeded" })
  })

  it("deletes by id through delete-batch and clears through the documents route", async () => {
    meili.answer({
      "POST /indexes/game_v1/documents/delete-batch": { status: 202, body: { taskUid: 8 } },
      "DELETE /indexes/game_v1/documents": { status: 202, body: { taskUid: 9 } },
    })
    await provider.deleteDocuments({ index: "game_v1", filters: { id: ["game_1", "game_2"] } })
    await provider.clearIndex({ index: "game_v1" })
    expect(meili.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ["POST", "/indexes/game_v1/documents/delete-batch", ["game_1", "game_2"]],
      ["DELETE", "/indexes/game_v1/documents", undefined],
    ])
  })

  // The provider input the Search Module builds from the store route's query.
  const providerQuery = (input: Parameters<typeof gameSearchQuery>[0], now: Date): SearchTypes.ProviderSearchQuery => {
    const { filters, pagination, search_options } = gameSearchQuery(input, { currency_code: "krw", country: "KR" }, now)
    const { q, ...rest } = filters!
    return {
      index: definition,
      attributes_to_retrieve: ["id", "title", "release_at", "genres"],
      q: q as string | undefined,
      filters: rest,
      pagination,
      search_options,
    }
  }

  it("sends the store query's text, filters, region price sort and facets, and maps the answer", async () => {
    const now = new Date("2026-01-01T00:00:00Z")
    meili.answer({
      "POST /indexes/game_v1/search": {
        status: 200,
        body: {
          hits: [{ id: "game_1", title: "The Witcher", release_at: 1704164645000, genres: ["rpg"] }],
          estimatedTotalHits: 1,
          facetDistribution: { genres: { rpg: 1, action: 3 }, tags: { "open-world": 1 } },
          processingTimeMs: 2,
        },
      },
    })
    const result = await provider.search(
      providerQuery({ q: "witcher", genre: ["rpg"], status: "released", price_min: 10000, sort: "price", limit: 20, offset: 0 }, now)
    )

    expect(meili.calls).toHaveLength(1)
    expect(meili.calls[0].body).toEqual({
      q: "witcher",
      matchingStrategy: "all",
      attributesToRetrieve: ["id", "title", "release_at", "genres"],
      offset: 0,
      limit: 20,
      filter: `service_countries = "KR" AND genres IN ["rpg"] AND release_at <= ${now.getTime()} AND price_krw >= 10000`,
      sort: ["price_krw:asc", "id:asc"],
      facets: ["genres", "tags"],
    })
    expect(result.hits).toEqual([
      { id: "game_1", document: { id: "game_1", title: "The Witcher", release_at: "2024-01-02T03:04:05.000Z", genres: ["rpg"] } },
    ])
    expect(result.facets).toEqual({
      genres: { type: "value", values: [{ value: "action", count: 3 }, { value: "rpg", count: 1 }] },
      tags: { type: "value", values: [{ value: "open-world", count: 1 }] },
    })
    expect(result.metadata).toMatchObject({ skip: 0, take: 20, count: 1, query: "witcher" })
  })

  it("asks for highlights with the query's tags and returns them per field", async () => {
    meili.answer({
      "POST /indexes/game_v1/search": {
        status: 200,
        body: { hits: [{ id: "game_1", title: "The Witcher", _formatted: { id: "game_1", title: "The [Wit]cher" } }], estimatedTotalHits: 1 },
      },
    })
    const result = await provider.search({
      index: definition,
      attributes_to_retrieve: ["id", "title"],
      q: "wit",
      filters: { service_countries: "KR" },
      pagination: { skip: 0, take: 5 },
      search_options: {
        match_strategy: "last",
        attributes_to_search_on: ["title"],
        highlight: { fields: ["title"], pre_tag: "[", post_tag: "]" },
        count: "none",
      },
    })
    expect(meili.calls[0].body).toEqual({
      q: "wit",
      matchingStrategy: "last",
      attributesToRetrieve: ["id", "title"],
      offset: 0,
      limit: 5,
      filter: 'service_countries = "KR"',
      attributesToSearchOn: ["title"],
      attributesToHighlight: ["title"],
      highlightPreTag: "[",
      highlightPostTag: "]",
    })
    expect(result.hits[0].highlights).toEqual({ title: ["The [Wit]cher"] })
    expect(result.metadata.count).toBeNull()
  })

  it("packs several queries into one multi-search", async () => {
    meili.answer({
      "POST /multi-search": { status: 200, body: { results: [{ hits: [], estimatedTotalHits: 0 }, { hits: [], estimatedTotalHits: 4 }] } },
    })
    const base = { index: definition, attributes_to_retrieve: ["id"], pagination: { skip: 0, take: 0 } }
    const [a, b] = await provider.searchMany([
      { ...base, q: "a" },
      { ...base, q: "b", filters: { on_sale: true } },
    ])
    expect(meili.calls[0].body.queries).toEqual([
      { indexUid: "game_v1", q: "a", matchingStrategy: "all", attributesToRetrieve: ["id"], offset: 0, limit: 0 },
      { indexUid: "game_v1", q: "b", matchingStrategy: "all", attributesToRetrieve: ["id"], offset: 0, limit: 0, filter: "on_sale = true" },
    ])
    expect([a.metadata.count, b.metadata.count]).toEqual([0, 4])
  })

  it("refuses what Meilisearch cannot express without calling it", async () => {
    meili.answer({})
    const base = { index: definition, attributes_to_retrieve: ["id"] }
    await expect(provider.search({ ...base, filters: { title: { $prefix: "wit" } } })).rejects.toThrow(/\$prefix/)
    await expect(provider.search({ ...base, q: "x", search_options: { match_strategy: "any" } })).rejects.toThrow(/any/)
    await expect(provider.search({ ...base, search_options: { facets: [{ field: "price_usd", type: "range", ranges: [] }] } })).rejects.toThrow(
      /range facets/
    )
    expect(meili.calls).toHaveLength(0)
  })

  it("answers a missing index as NOT_FOUND, so the module re-resolves the active version", async () => {
    meili.answer({ "POST /indexes/game_v1/search": { status: 404, body: { code: "index_not_found", message: "Index `game_v1` not found." } } })
    const error = await provider.search({ index: definition, attributes_to_retrieve: ["id"], q: "x" }).catch((e) => e)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.NOT_FOUND)
    expect(error.message).toContain("index_not_found")
  })
})
