import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

type Field = SearchTypes.SearchFieldDefinition

/** Leaf fields by dotted path (objects are containers, their leaves are what Meilisearch holds). */
export function leafFields(fields: Record<string, Field>, prefix = ""): Map<string, Field> {
  const out = new Map<string, Field>()
  for (const [name, field] of Object.entries(fields)) {
    const path = prefix ? `${prefix}.${name}` : name
    if (field.type === "object" && field.fields) {
      for (const [p, f] of leafFields(field.fields, path)) out.set(p, f)
    } else {
      out.set(path, field)
    }
  }
  return out
}

const weightOf = (f: Field) => (typeof f.searchable === "object" ? f.searchable.weight ?? 1 : 1)
const isSearchable = (f: Field) => f.searchable === true || typeof f.searchable === "object"
const isFacetable = (f: Field) => f.facetable === true || typeof f.facetable === "object"

/** Meilisearch's synonyms are directed: each member of a group maps to the others. */
export function synonymMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const group of groups) {
    const words = group.map((t) => t.toLowerCase())
    for (const word of words) {
      map[word] = [...new Set([...(map[word] ?? []), ...words.filter((w) => w !== word)])]
    }
  }
  return map
}

/**
 * The index settings of a definition. Meilisearch weighs attributes by their order, so searchable
 * fields go heaviest first; `sort` leads the ranking rules so an explicit order is the order (as on
 * PostgreSQL) instead of a tie-breaker after relevance.
 */
export function meiliSettings(definition: SearchTypes.ResolvedSearchIndexDefinition, providerId: string) {
  const fields = [...leafFields(definition.fields)].filter(([, f]) => f.type !== "vector")
  if (fields.length !== leafFields(definition.fields).size) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The Meilisearch provider does not hold vector fields (index "${definition.name}")`)
  }
  for (const [path, f] of fields) {
    if (f.type === "geo") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The Meilisearch provider does not hold geo field "${path}"`)
  }
  const searchable = fields
    .map(([path, f], i) => ({ path, f, i }))
    .filter(({ f }) => isSearchable(f))
    .sort((a, b) => weightOf(b.f) - weightOf(a.f) || a.i - b.i)
    .map(({ path }) => path)
  const own = definition.settings.provider_options?.[providerId] ?? {}
  const typo = definition.settings.typo_tolerance ?? {}
  return {
    searchableAttributes: searchable,
    displayedAttributes: fields.filter(([, f]) => f.retrievable !== false).map(([p]) => p),
    filterableAttributes: fields.filter(([, f]) => f.filterable || isFacetable(f)).map(([p]) => p),
    sortableAttributes: fields.filter(([, f]) => f.sortable).map(([p]) => p),
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    synonyms: synonymMap((own.synonyms as string[][] | undefined) ?? []),
    typoTolerance: {
      enabled: typo.enabled ?? true,
      minWordSizeForTypos: {
        oneTypo: typo.min_word_size_for_one_typo ?? 5,
        twoTypos: typo.min_word_size_for_two_typos ?? 9,
      },
      disableOnAttributes: typo.disabled_on_attributes ?? [],
    },
    faceting: { maxValuesPerFacet: Number(own.max_values_per_facet ?? 100) },
    distinctAttribute: definition.settings.distinct_attribute ?? null,
  }
}
