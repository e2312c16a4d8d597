import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const count = async (table: string) => Number((await knex()(table).whereNull("deleted_at").count("* as n"))[0].n)

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 2)).publishable_key
    })

    /** Sign-up through our route with the given extra fields; the HTTP response, success or not. */
    async function signUp(email: string, extra: Record<string, any>) {
      const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: "profile-pass-1" })
      return api
        .post("/store/accounts", { email, first_name: "Min", residence_country: "KR", ...extra }, storeHeaders(pk, reg.token))
        .catch((e) => e.response)
    }
    const login = async (email: string) =>
      (await api.post("/auth/customer/emailpass", { email, password: "profile-pass-1" })).data.token as string

    it("takes the handle and display name chosen at sign-up, and shows others only those", async () => {
      const res = await signUp("minji@example.com", { handle: "MinJi_92", display_name: "  Min   Ji " })
      expect(res.status).toBe(200)
      expect(res.data.customer.profile).toEqual({ handle: "minji_92", display_name: "Min Ji", time_zone: null })
      const other = await signUpPlayer(api, pk, "looker@example.com", "KR")
      const { data } = await api.get("/store/players/MINJI_92", storeHeaders(pk, other.token))
      expect(data).toEqual({ player: { handle: "minji_92", display_name: "Min Ji" } })
      expect(JSON.stringify(data)).not.toContain("@")
      expect((await failure(api.get("/store/players/minji_92", storeHeaders(pk)))).status).toBe(401)
      expect((await failure(api.get("/store/players/nobody_here", storeHeaders(pk, other.token)))).status).toBe(404)
    })

    it("generates a handle when none is chosen, and the display name from the first name", async () => {
      const { token } = await signUpPlayer(api, pk, "nohandle@example.com", "KR")
      const { data } = await api.get("/store/customers/me/profile", storeHeaders(pk, token))
      expect(data.profile).toEqual({ handle: expect.stringMatching(/^player_[a-z0-9]{8}$/), display_name: "Test", time_zone: null })
    })

    it("refuses a taken handle (any case) with 409 and signs nobody up", async () => {
      expect((await signUp("first-taker@example.com", { handle: "taken_one" })).status).toBe(200)
      const customers = await count("customer")
      const profiles = await count("player_profile")
      const res = await signUp("second-taker@example.com", { handle: "Taken_One" })
      expect([res.status, res.data.code]).toEqual([409, "handle_taken"])
      expect([await count("customer"), await count("player_profile")]).toEqual([customers, profiles])
      // The registration is still free to sign up with another handle.
    })

    it.each([
      ["too short", { handle: "ab" }, "invalid_handle"],
      ["a leading digit", { handle: "9lives" }, "invalid_handle"],
      ["a space", { handle: "two words" }, "invalid_handle"],
      ["a reserved name", { handle: "admin" }, "invalid_handle"],
      ["a staff look-alike", { handle: "support_team" }, "invalid_handle"],
      ["a direction override in the name", { display_name: "evil\u202eexe.txt" }, "invalid_display_name"],
      ["an empty name", { display_name: "   " }, "invalid_display_name"],
      ["a name over 40 characters", { display_name: "x".repeat(41) }, "invalid_display_name"],
    ])("refuses a sign-up with %s: 400 and nothing written", async (_n, extra, code) => {
      const customers = await count("customer")
      const res = await signUp(`bad-${Math.random().toString(36).slice(2)}@example.com`, extra)
      expect([res.status, res.data.code]).toEqual([400, code])
      expect(await count("customer")).toBe(customers)
    })

    it("changes handle and name; the old handle is free at once; another player cannot take a used one", async () => {
      await signUp("changer@example.com", { handle: "old_handle" })
      await signUp("rival@example.com", { handle: "rival_handle" })
      const h = storeHeaders(pk, await login("changer@example.com"))
      const { data } = await api.post("/store/customers/me/profile", { handle: "New_Handle", display_name: "Changer" }, h)
      expect(data.profile).toEqual({ handle: "new_handle", display_name: "Changer", time_zone: null })
      const rival = storeHeaders(pk, await login("rival@example.com"))
      const clash = await failure(api.post("/store/customers/me/profile", { handle: "new_handle" }, rival))
      expect([clash.status, clash.data.code]).toEqual([409, "handle_taken"])
      expect((await api.post("/store/customers/me/profile", { handle: "old_handle" }, rival)).data.profile.handle).toBe("old_handle")
      for (const body of [{}, { handle: "x" }, { nickname: "n" }, { handle: "a\u0000b" }]) {
        expect((await failure(api.post("/store/customers/me/profile", body, h))).status).toBe(400)
      }
      expect((await api.get("/store/customers/me/profile", h)).data.profile.handle).toBe("new_handle")
    })

    it("keeps the time zone chosen at sign-up or later, refuses unknown ones, and shows it to nobody else", async () => {
      const res = await signUp("zoned@example.com", { handle: "zoned_one", time_zone: "Asia/Seoul" })
      expect(res.data.customer.profile).toEqual({ handle: "zoned_one", display_name: "Min", time_zone: "Asia/Seoul" })
      const h = storeHeaders(pk, await login("zoned@example.com"))
      expect((await api.post("/store/customers/me/profile", { time_zone: "Europe/Berlin" }, h)).data.profile.time_zone).toBe("Europe/Berlin")
      for (const time_zone of ["Mars/Olympus", "", "Asia/Seoul\u0000", "x".repeat(65), 9]) {
        expect((await failure(api.post("/store/customers/me/profile", { time_zone }, h))).status).toBe(400)
      }
      const bad = await signUp("badzone@example.com", { time_zone: "Nowhere/Land" })
      expect(bad.status).toBe(400)
      expect((await api.post("/store/customers/me/profile", { time_zone: null }, h)).data.profile.time_zone).toBeNull()
      const other = await signUpPlayer(api, pk, "zone-looker@example.com", "KR")
      expect((await api.get("/store/players/zoned_one", storeHeaders(pk, other.token))).data.player).toEqual({ handle: "zoned_one", display_name: "Min" })
    })

    it("gives a player who signed up through a stock storefront a profile on first read", async () => {
      const email = "stock-signup@example.com"
      const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: "profile-pass-1" })
      await api.post("/store/customers", { email, first_name: "Stocky" }, storeHeaders(pk, reg.token))
      const h = storeHeaders(pk, await login(email))
      const first = (await api.get("/store/customers/me/profile", h)).data.profile
      expect(first).toEqual({ handle: expect.stringMatching(/^player_/), display_name: "Stocky", time_zone: null })
      expect((await api.get("/store/customers/me/profile", h)).data.profile).toEqual(first)
    })
  },
})
