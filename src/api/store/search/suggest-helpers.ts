import type { SearchTypes } from "@medusajs/framework/types"
import { GAME_INDEX, indexedPriceField } from "../../../search/_game-fields"
import type { StoreSuggestQueryType } from "../../utils/search-validators"
import { indexedPrice, type SearchPlace } from "./helpers"

/** Titles in every script a game has; a suggestion shows the one the player typed in. */
export const TITLE_FIELDS = ["title", "title_ko", "title_ja"] as const

// Private-use characters no title holds: the engines' marks can be told from the title's own text
// (a title may well contain "<mark>"), and the answer is escaped before marks become HTML.
const PRE = "\ue000"
const POST = "\ue001"

/** Prefix search on the titles (`"wit"` finds "The Witcher"), misspellings allowed, marks asked for. */
export function suggestQuery(input: StoreSuggestQueryType, place: SearchPlace): SearchTypes.SearchQuery {
  const price = indexedPriceField(place.currency_code)
  return {
    entity: GAME_INDEX,
    // The price in the caller's currency, so a suggestion list can show what each game costs.
    fields: ["id", "handle", "thumbnail", "release_at", ...(price ? [price] : []), ...TITLE_FIELDS],
    filters: { q: input.q, service_countries: place.country },
    pagination: { skip: 0, take: input.limit },
    search_options: {
      match_strategy: "last",
      typo_tolerance: true,
      attributes_to_search_on: [...TITLE_FIELDS],
      highlight: { fields: [...TITLE_FIELDS], pre_tag: PRE, post_tag: POST },
      count: "none",
    },
  }
}

/** The plain text of a marked string and the [start, end) offsets of its marks in that text. */
export function parseMarks(marked: string) {
  let text = ""
  const spans: [number, number][] = []
  let open = -1
  for (const ch of marked) {
    if (ch === PRE) open = text.length
    else if (ch === POST) {
      if (open >= 0 && text.length > open) spans.push([open, text.length])
      open = -1
    } else text += ch
  }
  return { text, spans }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** HTML-safe text with the marked spans in `<mark>`. */
export function markedHtml(text: string, spans: [number, number][]) {
  let out = ""
  let at = 0
  for (const [start, end] of spans) {
    out += escapeHtml(text.slice(at, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>"
    at = end
  }
  return out + escapeHtml(text.slice(at))
}

/** One suggestion per hit: the title the query matched (else the main one), marked, and its price now. */
export function suggestion(hit: SearchTypes.SearchHit, currency: string, now = new Date()) {
  const doc = hit.document as Record<string, any>
  const marked = TITLE_FIELDS.map((field) => ({ field, parsed: parseMarks(hit.highlights?.[field]?.[0] ?? "") })).find(
    (m) => m.parsed.spans.length
  )
  const field = marked?.field ?? "title"
  const text = marked?.parsed.text ?? String(doc.title ?? "")
  const spans = marked?.parsed.spans ?? []
  return {
    id: hit.id,
    handle: doc.handle,
    thumbnail: doc.thumbnail ?? null,
    title: doc.title,
    matched_field: field,
    text,
    highlight: markedHtml(text, spans),
    matches: spans.map(([start, end]) => ({ start, end })),
    released: doc.release_at ? new Date(doc.release_at) <= now : false,
    price: indexedPrice(doc, currency),
  }
}
