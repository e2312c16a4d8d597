import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { failure, type Player, seedForTests, sentTemplates, signUpWithHandle, storeHeaders } from "../helpers"
import { armFault, disarmFaults } from "../../src/workflows/faults"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let n = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 1)).publishable_key
    })
    afterEach(() => {
      disarmFaults()
      delete process.env.FRIEND_PENDING_LIMIT
      delete process.env.FRIEND_DAILY_LIMIT
    })

    const player = (email = `friend-${++n}-${Date.now()}@example.com`) => signUpWithHandle(api, pk, email)
    const as = (p: Player) => storeHeaders(pk, p.token)
    const ask = (from: Player, body: any) => api.post("/store/friends/requests", body, as(from))
    const status = (call: Promise<any>) => call.then((r) => r.status, (e) => (e.response ? e.response.status : Promise.reject(e)))
    const friendsOf = async (p: Player) => (await api.get("/store/friends", as(p))).data.friends
    const requestsOf = async (p: Player) => (await api.get("/store/friends/requests", as(p))).data
    const refused = async (call: Promise<any>) => {
      const res = await failure(call)
      return [res.status, res.data.code]
    }

    it("requests by handle, accepts, lists both sides with since-dates and no emails, mails the invitee and the requester", async () => {
      const [a, b] = [await player(), await player()]
      const sent = await ask(a, { handle: b.handle.toUpperCase() })
      expect(sent.status).toBe(201)
      const incoming = (await requestsOf(b)).incoming
      expect(incoming).toEqual([{ id: sent.data.request.id, from: { customer_id: a.customer.id, handle: a.handle, display_name: expect.any(String) }, since: expect.any(String) }])
      expect((await requestsOf(a)).outgoing).toEqual([expect.objectContaining({ to: expect.objectContaining({ handle: b.handle }) })])
      expect(await sentTemplates(getContainer(), b.email)).toContain("friend-request")
      expect(await sentTemplates(getContainer(), b.customer.id, "feed")).toContain("friend-request")
      const accepted = await api.post(`/store/friends/requests/${sent.data.request.id}/accept`, {}, as(b))
      expect(accepted.data.friendship).toEqual({ customer_id: a.customer.id, since: expect.any(String) })
      expect(await friendsOf(a)).toEqual([{ customer_id: b.customer.id, handle: b.handle, display_name: expect.any(String), since: expect.any(String) }])
      expect(await friendsOf(b)).toEqual([expect.objectContaining({ customer_id: a.customer.id })])
      expect(JSON.stringify([await friendsOf(a), await friendsOf(b), incoming])).not.toContain("@example.com")
      expect(await sentTemplates(getContainer(), a.email)).toContain("friend-accepted")
      expect(await refused(api.post(`/store/friends/requests/${sent.data.request.id}/decline`, {}, as(b)))).toEqual([409, "request_answered"])
      expect(await refused(ask(a, { handle: b.handle }))).toEqual([409, "already_friends"])
      expect(await refused(ask(a, { email: b.email.toUpperCase() }))).toEqual([409, "already_friends"])
      await api.delete(`/store/friends/${a.customer.id}`, as(b))
      expect(await friendsOf(a)).toEqual([])
      expect((await failure(api.delete(`/store/friends/${a.customer.id}`, as(b)))).status).toBe(404)
    })

    it("a request by email to a player shows their handle, never the address; decline lets the sender ask again", async () => {
      const [a, b] = [await player(), await player()]
      const sent = await ask(a, { email: ` ${b.email.toUpperCase()} ` })
      expect(sent.status).toBe(201)
      const outgoing = (await requestsOf(a)).outgoing
      expect(outgoing).toEqual([{ id: sent.data.request.id, to: { customer_id: b.customer.id, handle: b.handle, display_name: expect.any(String) }, since: expect.any(String) }])
      expect(JSON.stringify(outgoing)).not.toContain("@example.com")
      expect(await sentTemplates(getContainer(), b.email)).toContain("friend-request")
      await api.post(`/store/friends/requests/${sent.data.request.id}/decline`, {}, as(b))
      expect((await requestsOf(a)).outgoing).toEqual([])
      expect((await requestsOf(b)).incoming).toEqual([])
      expect(await friendsOf(a)).toEqual([])
      expect(await sentTemplates(getContainer(), a.email)).not.toContain("friend-accepted")
      expect((await ask(a, { handle: b.handle })).status).toBe(201)
    })

    it("invites an email nobody signed up with; signing up with it turns the invitation into a request", async () => {
      const a = await player()
      const email = `invitee-${Date.now()}@example.com`
      expect((await ask(a, { email: email.toUpperCase() })).status).toBe(201)
      expect((await requestsOf(a)).outgoing).toEqual([expect.objectContaining({ to: { email } })])
      expect(await sentTemplates(getContainer(), email)).toEqual(["friend-invite"])
      expect(await refused(ask(a, { email }))).toEqual([409, "request_pending"])
      const b = await player(email)
      const deadline = Date.now() + 10_000
      let incoming: any[] = []
      while (Date.now() < deadline && !incoming.length) {
        incoming = (await requestsOf(b)).incoming
        if (!incoming.length) await new Promise((r) => setTimeout(r, 200))
      }
      expect(incoming).toEqual([expect.objectContaining({ from: expect.objectContaining({ customer_id: a.customer.id, handle: a.handle }) })])
      expect((await requestsOf(a)).outgoing).toEqual([expect.objectContaining({ to: expect.objectContaining({ handle: b.handle }) })])
      await sentTemplates(getContainer(), b.customer.id, "feed")
      const { notifications } = (await api.get("/store/notifications", as(b))).data
      const notice = notifications.find((x: any) => x.template === "friend-request")
      expect(notice.subject).toContain(incoming[0].from.display_name)
      expect(notice.subject).not.toContain("undefined")
      await api.post(`/store/friends/requests/${incoming[0].id}/accept`, {}, as(b))
      expect((await friendsOf(a)).map((f: any) => f.customer_id)).toEqual([b.customer.id])
    })

    it("turns two crossing requests into one friendship; refuses self and duplicate requests, and answers by others", async () => {
      const [a, b, c] = [await player(), await player(), await player()]
      await ask(a, { handle: b.handle })
      const crossed = await ask(b, { email: a.email })
      expect(crossed.status).toBe(200)
      expect(crossed.data.friendship).toEqual({ customer_id: a.customer.id, since: expect.any(String) })
      expect((await friendsOf(a)).length).toBe(1)
      expect((await friendsOf(b)).length).toBe(1)
      expect((await requestsOf(a)).outgoing).toEqual([])
      expect(await sentTemplates(getContainer(), a.email)).toContain("friend-accepted")

      expect(await refused(ask(a, { handle: a.handle }))).toEqual([400, "self_request"])
      expect(await refused(ask(a, { email: a.email }))).toEqual([400, "self_request"])
      const first = await ask(a, { handle: c.handle })
      expect(await refused(ask(a, { handle: c.handle }))).toEqual([409, "request_pending"])
      for (const call of [
        () => api.post(`/store/friends/requests/${first.data.request.id}/accept`, {}, as(b)),
        () => api.post(`/store/friends/requests/${first.data.request.id}/accept`, {}, as(a)),
        () => api.post(`/store/friends/requests/${first.data.request.id}/decline`, {}, as(a)),
        () => api.delete(`/store/friends/requests/${first.data.request.id}`, as(c)),
        () => api.delete(`/store/friends/requests/${first.data.request.id}`, as(b)),
        () => api.post(`/store/friends/requests/frq_nope/accept`, {}, as(c)),
      ]) {
        expect((await failure(call())).status).toBe(404)
      }
      await api.delete(`/store/friends/requests/${first.data.request.id}`, as(a))
      expect((await requestsOf(c)).incoming).toEqual([])
      expect(await refused(api.delete(`/store/friends/requests/${first.data.request.id}`, as(a)))).toEqual([409, "request_answered"])
      expect((await failure(api.post(`/store/friends/requests/${first.data.request.id}/accept`, {}, as(c)))).status).toBe(409)
      expect((await failure(ask(a, { handle: "nobody_has_this" }))).status).toBe(404)
    })

    it("blocking ends the friendship and pending requests both ways, emits friends.blocked; the blocked cannot ask until unblocked", async () => {
      const [a, b, c, d] = [await player(), await player(), await player(), await player()]
      const req = await ask(a, { handle: b.handle })
      await api.post(`/store/friends/requests/${req.data.request.id}/accept`, {}, as(b))
      await ask(c, { handle: b.handle })
      await ask(b, { handle: d.handle })
      const emit = jest.spyOn(getContainer().resolve(Modules.EVENT_BUS), "emit")
      try {
        expect((await api.post("/store/friends/blocks", { handle: a.handle }, as(b))).status).toBe(201)
        await api.post("/store/friends/blocks", { customer_id: c.customer.id }, as(b))
        await api.post("/store/friends/blocks", { customer_id: d.customer.id }, as(b))
        const events = emit.mock.calls.flatMap(([m]: any[]) => (Array.isArray(m) ? m : [m])).filter((m: any) => m.name === "friends.blocked")
        expect(events.map((m: any) => m.data)).toContainEqual({ blocker_id: b.customer.id, blocked_id: a.customer.id })
      } finally {
        emit.mockRestore()
      }
      expect(await friendsOf(a)).toEqual([])
      expect(await friendsOf(b)).toEqual([])
      expect(await requestsOf(b)).toEqual({ incoming: [], outgoing: [] })
      expect((await requestsOf(d)).incoming).toEqual([])
      const blocks = (await api.get("/store/friends/blocks", as(b))).data.blocks
      expect(blocks.map((x: any) => x.customer_id).sort()).toEqual([a.customer.id, c.customer.id, d.customer.id].sort())
      expect(JSON.stringify(blocks)).not.toContain("@example.com")
      expect((await api.get("/store/friends/blocks", as(a))).data.blocks).toEqual([])
      // Neither side may ask, by handle or email, and the blocked is not told more than `blocked`.
      expect(await refused(ask(a, { handle: b.handle }))).toEqual([403, "blocked"])
      expect(await refused(ask(a, { email: b.email }))).toEqual([403, "blocked"])
      expect(await refused(ask(b, { handle: a.handle }))).toEqual([403, "blocked"])
      expect((await api.post("/store/friends/blocks", { handle: a.handle }, as(b))).status).toBe(201)
      expect((await failure(api.post("/store/friends/blocks", { customer_id: "cus_nope" }, as(b)))).status).toBe(404)
      await api.delete(`/store/friends/blocks/${a.customer.id}`, as(b))
      expect((await api.get("/store/friends/blocks", as(b))).data.blocks.map((x: any) => x.customer_id)).not.toContain(a.customer.id)
      expect((await ask(a, { handle: b.handle })).status).toBe(201)
    })

    it("limits pending and daily requests (429), also for parallel requests", async () => {
      process.env.FRIEND_PENDING_LIMIT = "2"
      process.env.FRIEND_DAILY_LIMIT = "3"
      const a = await player()
      const emails = Array.from({ length: 4 }, (_, i) => `limit-${i}-${Date.now()}@example.com`)
      const results = await Promise.all(emails.slice(0, 3).map((email) => status(ask(a, { email }))))
      expect(results.sort()).toEqual([201, 201, 429])
      expect(await refused(ask(a, { email: emails[3] }))).toEqual([429, "pending_limit"])
      const out = (await requestsOf(a)).outgoing
      expect(out.length).toBe(2)
      await api.delete(`/store/friends/requests/${out[0].id}`, as(a))
      expect((await ask(a, { email: emails[3] })).status).toBe(201)
      await api.delete(`/store/friends/requests/${out[1].id}`, as(a))
      // Withdrawn requests still count for the day: three were sent.
      expect(await refused(ask(a, { email: `limit-x-${Date.now()}@example.com` }))).toEqual([429, "daily_limit"])
    })

    it("two parallel requests at the daily limit: only one passes", async () => {
      process.env.FRIEND_DAILY_LIMIT = "1"
      const [a, b, c] = [await player(), await player(), await player()]
      const results = await Promise.all([status(ask(a, { handle: b.handle })), status(ask(a, { handle: c.handle }))])
      expect(results.sort()).toEqual([201, 429])
      expect((await requestsOf(a)).outgoing.length).toBe(1)
      expect(await refused(ask(a, { email: `over-${Date.now()}@example.com` }))).toEqual([429, "daily_limit"])
    })

    it("a failure after the request is recorded undoes it (the workflow's compensation)", async () => {
      const [a, b] = [await player(), await player()]
      armFault("mail-friend-request:before", "error")
      expect(await status(ask(a, { handle: b.handle }))).toBeGreaterThanOrEqual(500)
      expect((await requestsOf(a)).outgoing).toEqual([])
      expect((await requestsOf(b)).incoming).toEqual([])

      const sent = await ask(a, { handle: b.handle })
      armFault("mail-friend-accepted:before", "error")
      expect(await status(api.post(`/store/friends/requests/${sent.data.request.id}/accept`, {}, as(b)))).toBeGreaterThanOrEqual(500)
      expect(await friendsOf(a)).toEqual([])
      expect((await requestsOf(b)).incoming.map((r: any) => r.id)).toEqual([sent.data.request.id])

      armFault("mail-friend-request:before", "error")
      expect(await status(ask(b, { handle: a.handle }))).toBeGreaterThanOrEqual(500)
      expect(await friendsOf(b)).toEqual([])
      expect((await requestsOf(b)).incoming.map((r: any) => r.id)).toEqual([sent.data.request.id])
      expect((await ask(b, { handle: a.handle })).status).toBe(200)
      expect((await friendsOf(a)).map((f: any) => f.customer_id)).toEqual([b.customer.id])
    })

    it("validates input and needs a signed-in player", async () => {
      const a = await player()
      const bodies = [{}, { handle: "x", email: "y@example.com" }, { handle: "a\u0000b" }, { email: "not-an-email" }, { handle: "h".repeat(41) }, { handle: "ok", extra: 1 }, { handle: 5 }, { email: `${"e".repeat(250)}@example.com` }]
      for (const body of bodies) expect((await failure(ask(a, body))).status).toBe(400)
      for (const body of [{}, { handle: "x", customer_id: "cus_1" }, { customer_id: "cus\u0000" }, { customer_id: "../x" }]) {
        expect((await failure(api.post("/store/friends/blocks", body, as(a)))).status).toBe(400)
      }
      expect((await failure(api.post("/store/friends/requests/frq_x/accept", { x: 1 }, as(a)))).status).toBe(400)
      for (const path of ["/store/friends?x=1", "/store/friends/requests?limit=5", "/store/friends/blocks?q=a"]) {
        expect((await failure(api.get(path, as(a)))).status).toBe(400)
      }
      for (const path of ["/store/friends", "/store/friends/requests", "/store/friends/blocks"]) {
        expect((await failure(api.get(path, storeHeaders(pk)))).status).toBe(401)
      }
      expect((await failure(api.post("/store/friends/requests", { handle: a.handle }, storeHeaders(pk)))).status).toBe(401)
      expect(await refused(api.post("/store/friends/blocks", { customer_id: a.customer.id }, as(a)))).toEqual([400, "self_block"])
    })
  },
})
