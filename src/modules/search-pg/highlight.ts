import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { hasCjk } from "./tsquery"

export type HighlightSpec = { fields: string[]; pre: string; post: string }

/**
 * The fields and tags a query's `highlight` asks for. Snippets are refused rather than answered
 * with whole fields, which a caller could not tell from a snippet.
 */
export function highlightSpec(highlight: true | SearchTypes.SearchHighlightOptions, searchable: string[]): HighlightSpec {
  if (highlight === true) return { fields: searchable, pre: "<mark>", post: "</mark>" }
  if (highlight.snippet) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The kstore postgres search provider does not crop snippets")
  }
  return { fields: highlight.fields, pre: highlight.pre_tag ?? "<mark>", post: highlight.post_tag ?? "</mark>" }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Marks every place a word of the text starts with one of the terms (case-insensitive), so the
 * typed prefix of a suggestion is what shows marked. CJK terms mark anywhere: those scripts have
 * no word boundaries to start at.
 */
export function markText(text: string, terms: string[], spec: Pick<HighlightSpec, "pre" | "post">) {
  const words = [...new Set(terms.map((t) => t.trim()).filter(Boolean))].sort((a, b) => b.length - a.length)
  if (!words.length || !text) return text
  const alternatives = words.map((w) => (hasCjk(w) ? escapeRegExp(w) : `(?<![\\p{L}\\p{N}])${escapeRegExp(w)}`))
  const re = new RegExp(alternatives.join("|"), "giu")
  const spans: [number, number][] = []
  for (const m of text.matchAll(re)) {
    if (!m[0].length) continue
    const start = m.index ?? 0
    const last = spans[spans.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], start + m[0].length)
    else spans.push([start, start + m[0].length])
  }
  let out = ""
  let at = 0
  for (const [start, end] of spans) {
    out += text.slice(at, start) + spec.pre + text.slice(start, end) + spec.post
    at = end
  }
  return out + text.slice(at)
}

/** The highlighted values of a hit's requested fields (top-level strings and string lists). */
export function highlightDocument(document: Record<string, unknown>, spec: HighlightSpec, terms: string[]) {
  const highlights: Record<string, string[]> = {}
  for (const field of spec.fields) {
    const value = document[field]
    const values = Array.isArray(value) ? value : [value]
    const texts = values.filter((v): v is string => typeof v === "string")
    if (texts.length) highlights[field] = texts.map((t) => markText(t, terms, spec))
  }
  return highlights
}
