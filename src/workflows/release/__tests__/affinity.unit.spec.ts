import { releaseAffinity } from "../affinity"
import { signUnsubscribe, verifyUnsubscribe } from "../../../modules/mail/unsubscribe-token"

describe("releaseAffinity", () => {
  const rpg = { genres: ["rpg"], tags: ["story-rich"] }
  it("is the mean closeness of the player's games, genres counting twice as much as tags", () => {
    expect(releaseAffinity(rpg, [rpg, rpg]).score).toBeCloseTo(1)
    expect(releaseAffinity(rpg, [{ genres: ["rpg"], tags: [] }]).score).toBeCloseTo(2 / 3)
    expect(releaseAffinity(rpg, [{ genres: ["strategy"], tags: ["story-rich"] }]).score).toBeCloseTo(1 / 3)
    expect(releaseAffinity(rpg, [rpg, { genres: ["strategy"], tags: [] }]).score).toBeCloseTo(0.5)
  })
  it("counts genres alone for a game without tags, and names the genre the player owns most of", () => {
    const game = { genres: ["rpg", "action"], tags: [] }
    const owned = [{ genres: ["action"], tags: [] }, { genres: ["action", "rpg"], tags: [] }]
    expect(releaseAffinity(game, owned)).toEqual({ score: 0.75, genre: "action" })
  })
  it("scores a player without games, or with nothing in common, 0", () => {
    expect(releaseAffinity(rpg, [])).toEqual({ score: 0, genre: null })
    expect(releaseAffinity(rpg, [{ genres: ["sports"], tags: ["co-op"] }])).toEqual({ score: 0, genre: null })
  })
})

describe("unsubscribe tokens", () => {
  it("carry the player and topic, and refuse any change", () => {
    const token = signUnsubscribe("cus_1", "new-releases")
    expect(verifyUnsubscribe(token)).toEqual({ customer_id: "cus_1", topic: "new-releases" })
    const [payload, sig] = token.split(".")
    const other = Buffer.from(JSON.stringify({ p: "mail-unsubscribe", c: "cus_2", t: "new-releases" })).toString("base64url")
    for (const bad of [`${other}.${sig}`, `${payload}.${sig}x`, `${payload}`, "", `${payload}.${sig}.x`]) expect(verifyUnsubscribe(bad)).toBeNull()
    // Another purpose's signature over the same payload shape is not accepted.
    const wrongTopic = Buffer.from(JSON.stringify({ p: "mail-unsubscribe", c: "cus_1", t: "everything" })).toString("base64url")
    expect(verifyUnsubscribe(`${wrongTopic}.${sig}`)).toBeNull()
  })
})
