import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, befriend, createGame, failure, seedForTests, signUpPlayer, signUpWithHandle, storeHeaders, eventually } from "../helpers"
import { RECOMMENDATION_MODULE } from "../../src/modules/recommendation"
import type RecommendationModuleService from "../../src/modules/recommendation/service"
import { signalKeys } from "../../src/modules/recommendation/signals"
import retrainRecommendationsJob from "../../src/jobs/retrain-recommendations"

jest.setTimeout(240 * 1000)

const CARD = { method: "card", account: "4242424242424242" }
const prices = [
  { currency_code: "usd", amount: 19.99 },
  { currency_code: "krw", amount: 22000 },
]
const WORLD = ["US", "KR"]

// Five rpgs (one new, one sold only in Korea), shooters, a new puzzle game.
const FIXTURES = {
  ember: { title: "Ember Saga", genres: ["rpg"], tags: ["fantasy"], release_in_days: -300 },
  moon: { title: "Moon Keep", genres: ["rpg"], tags: ["fantasy"], release_in_days: -250 },
  crown: { title: "Old Crown", genres: ["rpg"], tags: ["medieval"], release_in_days: -400 },
  fresh: { title: "Fresh Quest", genres: ["rpg"], tags: ["fantasy"], release_in_days: -5 },
  seoul: { title: "Seoul Blade", genres: ["rpg"], tags: ["fantasy"], release_in_days: -200, service_countries: ["KR"] },
  arena: { title: "Arena Kings", genres: ["shooter"], tags: ["multiplayer"], release_in_days: -300 },
  rain: { title: "Iron Rain", genres: ["shooter"], tags: ["multiplayer"], release_in_days: -280 },
  bolt: { title: "Bolt Squad", genres: ["shooter"], tags: ["arcade"], release_in_days: -260 },
  tile: { title: "Tile Garden", genres: ["puzzle"], tags: ["relaxing"], release_in_days: -10 },
}
type Key = keyof typeof FIXTURES


medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    const games = {} as Record<Key, any>
    const titleOf = (id: string) => Object.values(games).find((g) => g.id === id)?.title
    const recs = () => getContainer().resolve<RecommendationModuleService>(RECOMMENDATION_MODULE)
    const get = (url: string, token?: string) => api.get(url, storeHeaders(pk, token))
    const forPlayer = async (token: string, limit = 20) =>
      (await get(`/store/recommendations?limit=${limit}`, token)).data.recommendations as any[]
    let keyNo = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 0)).publishable_key
      const admin = await adminHeaders(api)
      for (const [key, f] of Object.entries(FIXTURES)) {
        games[key as Key] = await createGame(api, admin, { service_countries: WORLD, prices, ...f })
      }
      // What other players did before: rpg players buy Ember Saga then Moon Keep; Arena Kings and
      // the Korea-only Seoul Blade are the store's best sellers; shooter players pair Iron Rain and Bolt Squad.
      const history: [string, Key[]][] = [
        ...[1, 2, 3, 4].map((n) => [`cus_rpg${n}`, ["ember", "moon"]] as [string, Key[]]),
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`cus_fan${n}`, ["arena", "seoul"]] as [string, Key[]]),
        ...[1, 2, 3].map((n) => [`cus_shot${n}`, ["rain", "bolt"]] as [string, Key[]]),
      ]
      const t0 = Date.now() - 30 * 86400e3
      await recs().recordInteractions(
        history.flatMap(([customer, keys], u) =>
          keys.map((k, i) => ({
            customer_id: customer,
            game_id: games[k].id,
            kind: "purchase" as const,
            occurred_at: new Date(t0 + u * 3600e3 + i * 60e3),
            event_key: `backfill:${customer}:${k}`,
          }))
        )
      )
      await retrainRecommendationsJob(getContainer())
    })

    it("answers 401 without a sign-in, 400 for a bad limit and 404 for an unknown game", async () => {
      expect((await failure(get("/store/recommendations"))).status).toBe(401)
      expect((await failure(get(`/store/recommendations/because/${games.ember.id}`))).status).toBe(401)

      const { token } = await signUpPlayer(api, pk, "recs.limits@example.com", "US")
      for (const bad of ["0", "51", "abc", "2.5"]) {
        const res = await failure(get(`/store/recommendations?limit=${bad}`, token))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/limit/)
      }
      expect((await failure(get("/store/recommendations?sort=x", token))).status).toBe(400)
      expect((await failure(get(`/store/games/${games.ember.handle}/similar?limit=0`))).status).toBe(400)

      const unknown = await failure(get("/store/games/no-such-game/similar"))
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toMatch(/not found/)
      expect((await failure(get("/store/recommendations/because/game_nope", token))).status).toBe(404)
      // A real game the player never played has no "because you played" list.
      expect((await failure(get(`/store/recommendations/because/${games.moon.id}`, token))).status).toBe(404)
    })

    it("gives a new player popular and new games with their reasons, never one not sold in their country", async () => {
      const { token } = await signUpPlayer(api, pk, "recs.cold@example.com", "US")
      const list = await forPlayer(token)
      expect(list.length).toBeGreaterThan(3)
      const ids = list.map((r) => r.game.id)
      expect(ids).not.toContain(games.seoul.id)
      // Seoul Blade sells as well as Arena Kings, but only in Korea; Arena Kings leads for a US player.
      expect(list[0]).toMatchObject({
        game: { id: games.arena.id },
        reason: { kind: "popular_in_genre", genre: "shooter", text: "Popular in Shooter" },
      })
      const tile = list.find((r) => r.game.id === games.tile.id)
      expect(tile.reason).toEqual({ kind: "new_release", genre: "puzzle", text: "New release in Puzzle" })
      for (const r of list) expect(r.reason.text).toEqual(expect.any(String))

      // A Korean player is offered it.
      const kr = await signUpPlayer(api, pk, "recs.cold.kr@example.com", "KR")
      expect((await forPlayer(kr.token)).map((r) => r.game.id)).toContain(games.seoul.id)
    })

    it("shifts towards the genre a player buys and looks at, says why, never offers what they own", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "recs.rpg@example.com", "US")
      const rpgs = new Set([games.ember.id, games.moon.id, games.crown.id, games.fresh.id, games.seoul.id])
      const before = (await forPlayer(token, 3)).filter((r) => rpgs.has(r.game.id)).length

      const { data } = await api.post(
        "/store/purchases",
        { game_ids: [games.ember.id], payment: CARD },
        storeHeaders(pk, token, { "idempotency-key": `recs-purchase-${++keyNo}-${Date.now()}` })
      ).catch((e) => {
        throw new Error(`purchase refused: ${JSON.stringify(e.response?.data)}`)
      })
      const done = (await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, token))).data.purchase
      expect(done.status).toBe("completed")
      // Recorded from the order's completion (an event), as a purchase.
      await eventually(() => recs().playerHistory(customer.id), (h) => h.some((e) => e.kind === "purchase"), 30_000)
      await get(`/store/games/${games.fresh.handle}`, token)

      const list = await forPlayer(token, 20)
      const top3 = list.slice(0, 3)
      expect(top3.filter((r) => rpgs.has(r.game.id)).length).toBeGreaterThan(before)
      expect(top3.every((r) => rpgs.has(r.game.id))).toBe(true)
      // Owned and unsold games never come back.
      expect(list.map((r) => r.game.id)).not.toContain(games.ember.id)
      expect(list.map((r) => r.game.id)).not.toContain(games.seoul.id)
      // Moon Keep is what Ember Saga's players bought next.
      const moon = list.find((r) => r.game.id === games.moon.id)
      expect(moon.reason).toMatchObject({
        kind: "because_you_played",
        game: { id: games.ember.id, title: "Ember Saga" },
        text: "Because you played Ember Saga",
      })
      const fresh = list.find((r) => r.game.id === games.fresh.id)
      expect(fresh.reason).toMatchObject({ kind: "new_in_genre", genre: "rpg", text: "New in RPG, your favourite genre" })

      // "Because you played Ember Saga": rpgs first, every reason naming it, the owned game absent.
      const because = (await get(`/store/recommendations/because/${games.ember.handle}`, token)).data
      expect(because.recommendations[0].game.id).toBe(games.moon.id)
      expect(because.recommendations.map((r: any) => r.game.id)).not.toContain(games.ember.id)
      for (const r of because.recommendations) {
        expect(r.reason).toMatchObject({ kind: "because_you_played", game: { id: games.ember.id }, text: "Because you played Ember Saga" })
      }

      // A replayed completion records nothing new; a second view the same day neither.
      const count = async () => (await recs().listInteractions({ customer_id: customer.id })).length
      const rows = await count()
      expect(rows).toBe(2)
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.completed", data: { id: done.order_id } })
      await get(`/store/games/${games.fresh.handle}`, token)
      await new Promise((r) => setTimeout(r, 1500))
      expect(await count()).toBe(rows)
      const [purchase] = await recs().listInteractions({ customer_id: customer.id, kind: "purchase" })
      expect(purchase).toMatchObject({ game_id: games.ember.id, weight: 3, event_key: signalKeys.order(done.order_id, games.ember.id) })
      const again = await recs().recordInteractions([
        { customer_id: customer.id, game_id: games.ember.id, kind: "purchase", event_key: purchase.event_key },
      ])
      expect(again).toBe(0)
      // The read-only link names each interaction's game through Query.
      const { data: linked } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "interaction", fields: ["kind", "game.title"], filters: { customer_id: customer.id } })
      expect(linked.map((i: any) => [i.kind, i.game?.title]).sort()).toEqual([["purchase", "Ember Saga"], ["view", "Fresh Quest"]])
    })

    it("records an accepted gift for its recipient, once, and nothing for its sender", async () => {
      const sender = await signUpWithHandle(api, pk, "recs.giver@example.com", "US")
      const friend = await signUpWithHandle(api, pk, "recs.given@example.com", "US")
      await befriend(api, pk, sender, friend)
      const { data } = await api.post(
        "/store/gifts",
        { payment: CARD, game_id: games.tile.id, recipient_id: friend.customer.id },
        storeHeaders(pk, sender.token, { "idempotency-key": `recs-gift-${++keyNo}-${Date.now()}` })
      )
      const read = async () => (await get(`/store/gifts/${data.gift.id}`, sender.token)).data.gift
      expect((await eventually(read, (g) => ["delivered", "failed"].includes(g.state))).state).toBe("delivered")
      await api.post(`/store/gifts/${data.gift.id}/accept`, {}, storeHeaders(pk, friend.token))

      const history = await eventually(() => recs().playerHistory(friend.customer.id), (h) => h.length > 0)
      expect(history).toEqual([expect.objectContaining({ game_id: games.tile.id, kind: "gift", weight: 2 })])
      expect(await recs().listInteractions({ event_key: signalKeys.gift(data.gift.id) })).toHaveLength(1)
      expect(await recs().playerHistory(sender.customer.id)).toEqual([])
      // Now owned by the recipient: never recommended to them.
      expect((await forPlayer(friend.token)).map((r) => r.game.id)).not.toContain(games.tile.id)

      // Playing it is a signal too, once a day however often the launcher reports.
      const owned = (await get("/store/library", friend.token)).data.library.find((e: any) => e.game_id === games.tile.id)
      for (const minutes of [20, 40]) await api.post(`/store/library/${owned.id}/play`, { minutes }, storeHeaders(pk, friend.token))
      expect((await recs().playerHistory(friend.customer.id)).map((h) => h.kind)).toEqual(["gift", "play"])
    })

    it("lists similar games for a game page, for anyone, in the caller's country", async () => {
      const us = (await get(`/store/games/${games.ember.handle}/similar?country_code=US&limit=5`)).data
      expect(us.game).toMatchObject({ id: games.ember.id, title: "Ember Saga" })
      expect(us.similar[0]).toMatchObject({
        game: { id: games.moon.id },
        reason: { kind: "players_also_played", game: { id: games.ember.id }, text: "Players of Ember Saga also played this" },
      })
      const ids = us.similar.map((r: any) => r.game.id)
      expect(ids).not.toContain(games.ember.id)
      expect(ids).not.toContain(games.seoul.id)
      // Games nobody paired with it yet still come through their genre.
      expect(us.similar.find((r: any) => r.game.id === games.crown.id).reason).toMatchObject({ kind: "same_genre", genre: "rpg" })
      expect(ids.map(titleOf)).not.toContain("Tile Garden")

      const kr = (await get(`/store/games/${games.ember.id}/similar?country_code=KR`)).data
      expect(kr.similar.map((r: any) => r.game.id)).toContain(games.seoul.id)
    })
  },
})
