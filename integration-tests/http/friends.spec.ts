import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let n = 0
    type Player = { customer: any; token: string; handle: string; email: string }

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 1)).publishable_key
    })

    const player = async (email = `friend-${++n}-${Date.now()}@example.com`): Promise<Player> => {
      const { customer, token } = await signUpPlayer(api, pk, email, "US")
      const { data } = await api.get("/store/customers/me/profile", storeHeaders(pk, token))
      return { customer, token, handle: data.profile.handle, email }
    }
    const as = (p: Player) => storeHeaders(pk, p.token)
    const ask = (from: Player, body: any) => api.post("/store/friends/requests", body, as(from))
    const friendsOf = async (p: Player) => (await api.get("/store/friends", as(p))).data.friends
    const requestsOf = async (p: Player) => (await api.get("/store/friends/requests", as(p))).data

    it("requests by handle, accepts, lists both sides with since-dates and no emails, mails the invitee and the requester", async () => {
      const [a, b] = [await player(), await player()]
      const sent = await ask(a, { handle: b.handle.toUpperCase() })
      expect(sent.status).toBe(201)
      const incoming = (await requestsOf(b)).incoming
      expect(incoming).toEqual([expect.objectContaining({ id: sent.data.request.id, from: expect.objectContaining({ handle: a.handle }), since: expect.any(String) })])
      expect((await requestsOf(a)).outgoing).toEqual([expect.objectContaining({ to: expect.objectContaining({ handle: b.handle }) })])
      expect(await sentTemplates(getContainer(), b.email)).toContain("friend-request")
      expect(await sentTemplates(getContainer(), b.customer.id, "feed")).toContain("friend-request")
      await api.post(`/store/friends/requests/${sent.data.request.id}/accept`, {}, as(b))
      expect(await friendsOf(a)).toEqual([expect.objectContaining({ customer_id: b.customer.id, handle: b.handle, since: expect.any(String) })])
      expect(await friendsOf(b)).toEqual([expect.objectContaining({ customer_id: a.customer.id })])
      expect(JSON.stringify(await friendsOf(a))).not.toContain("@example.com")
      expect(await sentTemplates(getContainer(), a.email)).toContain("friend-accepted")
      const twice = await failure(api.post(`/store/friends/requests/${sent.data.request.id}/decline`, {}, as(b)))
      expect([twice.status, twice.data.code]).toEqual([409, "request_answered"])
      const again = await failure(ask(a, { handle: b.handle }))
      expect([again.status, again.data.code]).toEqual([409, "already_friends"])
      await api.delete(`/store/friends/${a.customer.id}`, as(b))
      expect(await friendsOf(a)).toEqual([])
    })

    it("invites an email nobody signed up with; signing up with it turns the invitation into a request", async () => {
      const a = await player()
      const email = `invitee-${Date.now()}@example.com`
      expect((await ask(a, { email })).status).toBe(201)
      expect((await requestsOf(a)).outgoing).toEqual([expect.objectContaining({ to: { email } })])
      expect(await sentTemplates(getContainer(), email)).toContain("friend-invite")
      const b = await player(email)
      const deadline = Date.now() + 10_000
      let incoming: any[] = []
      while (Date.now() < deadline && !incoming.length) {
        incoming = (await requestsOf(b)).incoming
        if (!incoming.length) await new Promise((r) => setTimeout(r, 200))
      }
      expect(incoming).toEqual([expect.objectContaining({ from: expect.objectContaining({ customer_id: a.customer.id }) })])
      await api.post(`/store/friends/requests/${incoming[0].id}/accept`, {}, as(b))
      expect((await friendsOf(a)).map((f: any) => f.customer_id)).toEqual([b.customer.id])
    })

    it("turns two crossing requests into one friendship; refuses self and duplicate requests, and answers by others", async () => {
      const [a, b, c] = [await player(), await player(), await player()]
      await ask(a, { handle: b.handle })
      const crossed = await ask(b, { email: a.email })
      expect(crossed.status).toBe(200)
      expect(crossed.data.friendship).toBeDefined()
      expect((await friendsOf(a)).length).toBe(1)
      expect((await requestsOf(a)).outgoing).toEqual([])

      const self = await failure(ask(a, { handle: a.handle }))
      expect([self.status, self.data.code]).toEqual([400, "self_request"])
      const first = await ask(a, { handle: c.handle })
      const dup = await failure(ask(a, { handle: c.handle }))
      expect([dup.status, dup.data.code]).toEqual([409, "request_pending"])
      for (const call of [
        () => api.post(`/store/friends/requests/${first.data.request.id}/accept`, {}, as(b)),
        () => api.post(`/store/friends/requests/${first.data.request.id}/decline`, {}, as(a)),
        () => api.delete(`/store/friends/requests/${first.data.request.id}`, as(c)),
      ]) {
        expect((await failure(call())).status).toBe(404)
      }
      await api.delete(`/store/friends/requests/${first.data.request.id}`, as(a))
      expect((await requestsOf(c)).incoming).toEqual([])
      expect((await failure(ask(a, { handle: "nobody-has-this" }))).status).toBe(404)
    })

    it("blocking ends the friendship and pending requests; the blocked cannot ask again until unblocked", async () => {
      const [a, b] = [await player(), await player()]
      const req = await ask(a, { handle: b.handle })
      await api.post(`/store/friends/requests/${req.data.request.id}/accept`, {}, as(b))
      const c = await player()
      await ask(c, { handle: b.handle })
      await api.post("/store/friends/blocks", { handle: a.handle }, as(b))
      await api.post("/store/friends/blocks", { customer_id: c.customer.id }, as(b))
      expect(await friendsOf(a)).toEqual([])
      expect((await requestsOf(b)).incoming).toEqual([])
      expect((await api.get("/store/friends/blocks", as(b))).data.blocks.map((x: any) => x.customer_id).sort()).toEqual([a.customer.id, c.customer.id].sort())
      const blocked = await failure(ask(a, { handle: b.handle }))
      expect([blocked.status, blocked.data.code]).toEqual([400, "blocked"])
      expect((await failure(ask(b, { handle: a.handle }))).data.code).toBe("blocked")
      await api.delete(`/store/friends/blocks/${a.customer.id}`, as(b))
      expect((await ask(a, { handle: b.handle })).status).toBe(201)
    })

    it("limits pending and daily requests (429), also for parallel requests", async () => {
      process.env.FRIEND_PENDING_LIMIT = "2"
      process.env.FRIEND_DAILY_LIMIT = "3"
      try {
        const a = await player()
        const emails = Array.from({ length: 4 }, (_, i) => `limit-${i}-${Date.now()}@example.com`)
        const results = await Promise.all(emails.slice(0, 3).map((email) => ask(a, { email }).then((r) => r.status, (e) => e.response.status)))
        expect(results.sort()).toEqual([201, 201, 429])
        const pending = await failure(ask(a, { email: emails[3] }))
        expect([pending.status, pending.data.code]).toEqual([429, "pending_limit"])
        const out = (await requestsOf(a)).outgoing
        await api.delete(`/store/friends/requests/${out[0].id}`, as(a))
        expect((await ask(a, { email: emails[3] })).status).toBe(201)
        await api.delete(`/store/friends/requests/${out[1].id}`, as(a))
        const daily = await failure(ask(a, { email: `limit-x-${Date.now()}@example.com` }))
        expect([daily.status, daily.data.code]).toEqual([429, "daily_limit"])
      } finally {
        delete process.env.FRIEND_PENDING_LIMIT
        delete process.env.FRIEND_DAILY_LIMIT
      }
    })

    it("validates input and needs a signed-in player", async () => {
      const a = await player()
      for (const body of [{}, { handle: "x", email: "y@example.com" }, { handle: "a\u0000b" }, { email: "not-an-email" }, { handle: "h".repeat(41) }, { handle: "ok", extra: 1 }]) {
        expect((await failure(ask(a, body))).status).toBe(400)
      }
      expect((await failure(api.get("/store/friends", storeHeaders(pk)))).status).toBe(401)
      expect((await failure(api.post("/store/friends/blocks", { customer_id: a.customer.id }, as(a)))).data.code).toBe("self_block")
    })
  },
})
