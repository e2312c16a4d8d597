/** A profile as players see it: never the customer id or email. */
export const profileView = (p: { handle: string; display_name: string }) => ({ handle: p.handle, display_name: p.display_name })
