import { MedusaError } from "@medusajs/framework/utils"

/** Days between two residence changes of a player when `RESIDENCE_CHANGE_DAYS` is not set. */
export const DEFAULT_RESIDENCE_CHANGE_DAYS = 90

export const RESIDENCE_CHANGE_TOO_SOON = "residence_change_too_soon"

/**
 * The residence rule's window in days: `RESIDENCE_CHANGE_DAYS` (a whole number ≥ 0; 0 turns the
 * rule off), read at every change so a deployment changes it with a restart and a test with the
 * variable. Anything else falls back to the default of 90.
 */
export function residenceChangeDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RESIDENCE_CHANGE_DAYS?.trim()
  if (!raw) return DEFAULT_RESIDENCE_CHANGE_DAYS
  if (!/^\d{1,5}$/.test(raw)) return DEFAULT_RESIDENCE_CHANGE_DAYS
  return Number(raw)
}

/**
 * A residence change inside the window of the last one (409 `residence_change_too_soon`); it
 * carries the time the next change becomes possible.
 */
export class ResidenceChangeTooSoonError extends MedusaError {
  next_change_at: string

  constructor(nextChangeAt: Date, days: number) {
    super(
      MedusaError.Types.CONFLICT,
      `Your residence country can change once every ${days} days; the next change is possible from ${nextChangeAt.toISOString()}`,
      RESIDENCE_CHANGE_TOO_SOON
    )
    this.next_change_at = nextChangeAt.toISOString()
  }
}
