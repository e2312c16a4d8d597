/** Wall-clock times in an IANA zone, without a time-zone library. */

export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone })
    return zone.length <= 64
  } catch {
    return false
  }
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * `2026-12-24T18:00` (a datetime-local value) read in `zone` → the instant, or null. Twice, since
 * the offset of the guess may differ from the answer's across a DST change.
 */
export function zonedToInstant(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m || !isZone(zone)) return null
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])
  let instant = wall - offsetAt(wall, zone) * 60_000
  instant = wall - offsetAt(instant, zone) * 60_000
  const d = new Date(instant)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The datetime-local value of an instant in `zone`. */
export function instantToLocal(instant: Date, zone: string): string {
  const shifted = new Date(instant.getTime() + offsetAt(instant.getTime(), zone) * 60_000)
  return shifted.toISOString().slice(0, 16)
}
