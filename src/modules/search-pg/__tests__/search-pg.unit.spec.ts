import { markText } from "../highlight"
import { typoApplies } from "../service"
import { readSynonyms, synonymsOf } from "../synonyms"
import { containsPattern, hasCjk, keywordTsQuery } from "../tsquery"

const GROUPS = [
  ["rpg", "role-playing"],
  ["fps", "shooter", "first-person shooter"],
]
const CFG = "medusa_search_english"

describe("synonyms", () => {
  it("finds the other members of a word's groups, however it is spelled", () => {
    expect(synonymsOf("RPG", GROUPS)).toEqual(["role-playing"])
    expect(synonymsOf("Role Playing", GROUPS)).toEqual(["rpg"])
    expect(synonymsOf("first-person  shooter", GROUPS)).toEqual(["fps", "shooter"])
    expect(synonymsOf("adventure", GROUPS)).toEqual([])
  })

  it("reads groups from the index settings of a provider and refuses malformed ones", () => {
    expect(readSynonyms({ provider_options: { p: { synonyms: GROUPS } } }, "p")).toBe(GROUPS)
    expect(readSynonyms({}, "p")).toEqual([])
    expect(() => readSynonyms({ provider_options: { p: { synonyms: "rpg=role-playing" } } }, "p")).toThrow(/word lists/)
  })
})

describe("keyword tsquery", () => {
  it("ORs each word with its synonyms and ANDs the words", () => {
    expect(keywordTsQuery("rpg space", { config: CFG, synonyms: GROUPS })).toEqual({
      sql: `((plainto_tsquery('${CFG}', ?) || plainto_tsquery('${CFG}', ?)) && plainto_tsquery('${CFG}', ?))`,
      params: ["rpg", "role-playing", "space"],
    })
  })

  it("matches a whole-phrase synonym as well as its words", () => {
    expect(keywordTsQuery("first-person shooter", { config: CFG, synonyms: GROUPS }).params).toEqual([
      "first-person",
      "shooter",
      "fps",
      "first-person shooter",
      "fps",
      "shooter",
    ])
  })

  it("makes only the last word a prefix for typeahead, with no tsquery syntax from the input", () => {
    expect(keywordTsQuery("witcher wi&ld!", { config: CFG, strategy: "last", synonyms: [] })).toEqual({
      sql: `(plainto_tsquery('${CFG}', ?) && to_tsquery('${CFG}', ?))`,
      params: ["witcher", "wi & ld:*"],
    })
  })

  it("ORs the words for the any strategy", () => {
    expect(keywordTsQuery("a b", { config: CFG, strategy: "any", synonyms: [] }).sql).toBe(
      `(plainto_tsquery('${CFG}', ?) || plainto_tsquery('${CFG}', ?))`
    )
  })

  it("tells CJK text apart and escapes LIKE patterns", () => {
    expect([hasCjk("위쳐"), hasCjk("ウィッチャー"), hasCjk("巫师"), hasCjk("witcher")]).toEqual([true, true, true, false])
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%")
  })
})

describe("typo tolerance", () => {
  const settings = { typo_tolerance: { enabled: true, min_word_size_for_one_typo: 4 } }
  it("applies when asked, allowed by the index and a word is long enough", () => {
    expect(typoApplies("wticher", { typo_tolerance: true }, settings)).toBe(true)
    expect(typoApplies("wit", { typo_tolerance: true }, settings)).toBe(false)
    expect(typoApplies("wticher", {}, settings)).toBe(false)
    expect(typoApplies("wticher", { typo_tolerance: true }, { typo_tolerance: { enabled: false } })).toBe(false)
  })
})

describe("highlighting", () => {
  const tags = { pre: "<b>", post: "</b>" }
  it("marks where words start with a term, case-insensitively, merging overlaps", () => {
    expect(markText("The Witcher 3: Wild Hunt", ["wit", "wild"], tags)).toBe("The <b>Wit</b>cher 3: <b>Wild</b> Hunt")
    expect(markText("Rewritten", ["wri"], tags)).toBe("Rewritten")
    expect(markText("Witcher", ["wi", "witch"], tags)).toBe("<b>Witch</b>er")
  })

  it("marks CJK terms anywhere in the text", () => {
    expect(markText("더 위쳐 3", ["위쳐"], tags)).toBe("더 <b>위쳐</b> 3")
    expect(markText("ウィッチャー3", ["ッチャー"], tags)).toBe("ウィ<b>ッチャー</b>3")
  })
})

describe("spelling corrections from the index's words", () => {
  const { editDistance, typoCorrections } = require("../typos") as typeof import("../typos")
  const lexicon = new Set(["witcher", "wild", "hunt", "dragon", "chronicl", "doom", "etern"])
  const settings = { typo_tolerance: { enabled: true, min_word_size_for_one_typo: 4, min_word_size_for_two_typos: 8 } }

  it("counts a swap of neighbours as one edit and stops counting past the limit", () => {
    expect(editDistance("wticher", "witcher", 1)).toBe(1)
    expect(editDistance("dargon", "dragon", 2)).toBe(1)
    expect(editDistance("dragon", "dragon", 1)).toBe(0)
    expect(editDistance("doom", "dragon", 2)).toBe(3)
  })

  it("corrects a misspelled word to the index's words within the typos its length allows", () => {
    expect(typoCorrections("wticher", lexicon, settings)).toEqual([["wticher", "witcher"]])
    expect(typoCorrections("chronicels wild", lexicon, settings)).toEqual([["chronicels", "chronicl"]])
    // A word the index holds is not corrected; a short one has no typo allowance.
    expect(typoCorrections("dragon doam", lexicon, settings)).toEqual([["doam", "doom"]])
    expect(typoCorrections("dom", lexicon, settings)).toEqual([])
    expect(typoCorrections("wticher", lexicon, { typo_tolerance: { enabled: false } })).toEqual([])
    // Numbers, CJK and punctuation-bearing words are left alone.
    expect(typoCorrections("2077 위쳐 wi-tcher", lexicon, settings)).toEqual([])
  })
})
