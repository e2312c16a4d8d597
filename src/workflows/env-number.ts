/**
 * A number from the environment, read at call time so a deployment (or a test) changes a limit
 * without a restart; unset, not a number, below `min` or (with `integer`) fractional → `fallback`.
 */
export function envNumber(name: string, fallback: number, { min = 0, integer = false } = {}) {
  const value = Number(process.env[name])
  const ok = process.env[name] !== undefined && process.env[name] !== "" && Number.isFinite(value) && value >= min
  return ok && (!integer || Number.isInteger(value)) ? value : fallback
}
