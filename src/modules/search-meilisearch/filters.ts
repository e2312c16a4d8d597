import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"

type Field = SearchTypes.SearchFieldDefinition

const refuse = (message: string): never => {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

/** Dates travel as epoch milliseconds: Meilisearch compares numbers, not ISO strings. */
export function toMillis(value: unknown): number | null {
  if (value === null || value === undefined) return null
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(String(value))
  return Number.isFinite(ms) ? ms : null
}

function literal(value: unknown, field: Field, path: string): string {
  if (field.type === "date") {
    const ms = toMillis(value)
    return ms === null ? refuse(`Filter value for "${path}" is not a date`) : String(ms)
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? String(value) : refuse(`Filter value for "${path}" is not a finite number`)
  }
  if (typeof value === "boolean") return String(value)
  // Meilisearch reads double-quoted strings with backslash escapes.
  return `"${String(value).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`
}

const list = (values: unknown[], field: Field, path: string) => `[${values.map((v) => literal(v, field, path)).join(", ")}]`

function predicate(path: string, raw: unknown, field: Field): string {
  if (!/^[A-Za-z_][\w.]*$/.test(path)) refuse(`Cannot filter on field "${path}"`)
  if (raw === null) return `${path} IS NULL`
  if (Array.isArray(raw)) return `${path} IN ${list(raw, field, path)}`
  if (typeof raw !== "object" || raw instanceof Date) return `${path} = ${literal(raw, field, path)}`
  const parts: string[] = []
  for (const [op, value] of Object.entries(raw as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value]
    switch (op) {
      case "$eq":
        parts.push(value === null ? `${path} IS NULL` : `${path} = ${literal(value, field, path)}`)
        break
      case "$ne":
        parts.push(value === null ? `${path} IS NOT NULL` : `${path} != ${literal(value, field, path)}`)
        break
      case "$in":
      case "$overlaps":
        parts.push(`${path} IN ${list(values, field, path)}`)
        break
      case "$nin":
        parts.push(`${path} NOT IN ${list(values, field, path)}`)
        break
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte": {
        if (field.array) refuse(`Operator "${op}" is not supported on array field "${path}"`)
        const sign = ({ $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" } as Record<string, string>)[op]
        parts.push(`${path} ${sign} ${literal(value, field, path)}`)
        break
      }
      case "$exists":
        parts.push(value ? `${path} EXISTS` : `${path} NOT EXISTS`)
        break
      case "$contains":
        parts.push(values.map((v) => `${path} = ${literal(v, field, path)}`).join(" AND "))
        break
      default:
        // $prefix / $like: Meilisearch has no substring filter to compile them to.
        refuse(`The Meilisearch provider does not support operator "${op}" on "${path}"`)
    }
  }
  if (!parts.length) refuse(`Empty operator map on filter field "${path}"`)
  return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`
}

/** Compiles the Search Module's filter tree to Meilisearch's filter expression. */
export function compileFilter(
  filters: SearchTypes.SearchFilters | undefined,
  fieldOf: (path: string) => Field | undefined
): string | undefined {
  if (!filters) return undefined
  const compile = (branch: SearchTypes.SearchFilters): string => {
    const parts: string[] = []
    for (const [key, value] of Object.entries(branch)) {
      if (key === "q" || value === undefined) continue
      if (key === "$and" || key === "$or") {
        const nested = (value as SearchTypes.SearchFilters[]).map(compile).filter(Boolean)
        if (nested.length) parts.push(`(${nested.join(key === "$and" ? " AND " : " OR ")})`)
        continue
      }
      if (key === "$not") {
        const nested = compile(value as SearchTypes.SearchFilters)
        if (nested) parts.push(`NOT (${nested})`)
        continue
      }
      const field = fieldOf(key) ?? refuse(`Unknown filter field "${key}" on the Meilisearch provider`)
      parts.push(predicate(key, value, field))
    }
    return parts.join(" AND ")
  }
  return compile(filters) || undefined
}
