/** A profile as other players see it: never the customer id, the email or the time zone. */
export const profileView = (p: { handle: string; display_name: string }) => ({ handle: p.handle, display_name: p.display_name })

/** The player's own profile: also the zone their times are shown in (null: their country's). */
export const ownProfileView = (p: { handle: string; display_name: string; time_zone?: string | null }) => ({
  ...profileView(p),
  time_zone: p.time_zone ?? null,
})
