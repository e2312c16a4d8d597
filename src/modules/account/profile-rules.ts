import { MedusaError } from "@medusajs/framework/utils"
import { randomBytes } from "crypto"

/** A handle: 3–20 of a–z, 0–9 and `_`, starting with a letter; compared case-insensitively. */
export const HANDLE_PATTERN = /^[a-z][a-z0-9_]{2,19}$/
export const DISPLAY_NAME_MAX = 40

// Handles that would let a player pass for the store or its staff.
const RESERVED = new Set(["admin", "administrator", "kstore", "staff", "support", "system", "moderator", "official", "help", "root"])

export const normalizeHandle = (handle: string) => handle.trim().toLowerCase()

/** Why a handle cannot be taken, or null when it can (uniqueness aside). */
export function handleProblem(handle: string): string | null {
  if (!HANDLE_PATTERN.test(handle)) return "A handle has 3-20 letters, digits or _ and starts with a letter"
  if (RESERVED.has(handle) || [...RESERVED].some((r) => handle.startsWith(`${r}_`))) return `The handle '${handle}' is reserved`
  return null
}

export function assertHandle(handle: string) {
  const problem = handleProblem(handle)
  if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, problem, "invalid_handle")
}

/** A display name as shown: trimmed, inner runs of whitespace as one space, control characters refused. */
export function cleanDisplayName(name: string): string {
  const clean = name.replace(/\s+/g, " ").trim()
  // eslint-disable-next-line no-control-regex
  if (!clean || clean.length > DISPLAY_NAME_MAX || /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(name.replace(/\s/g, " "))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A display name has 1-${DISPLAY_NAME_MAX} characters and no control or direction characters`,
      "invalid_display_name"
    )
  }
  return clean
}

/** A handle for a player who chose none: `player_` and 8 random characters. */
export const generatedHandle = () => `player_${randomBytes(6).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 8)}`
