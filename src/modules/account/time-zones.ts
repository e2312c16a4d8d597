/**
 * The zone a player's times are shown in when they have not chosen one: their residence country's
 * most populous zone (a country spanning several, like the US or Brazil, gets its main one).
 */
const COUNTRY_ZONES: Record<string, string> = {
  KR: "Asia/Seoul",
  JP: "Asia/Tokyo",
  US: "America/New_York",
  CA: "America/Toronto",
  GB: "Europe/London",
  DE: "Europe/Berlin",
  FR: "Europe/Paris",
  ES: "Europe/Madrid",
  IT: "Europe/Rome",
  NL: "Europe/Amsterdam",
  BR: "America/Sao_Paulo",
  AU: "Australia/Sydney",
  CN: "Asia/Shanghai",
  TW: "Asia/Taipei",
}

export function playerTimeZone(chosen: string | null | undefined, country: string | null | undefined): string {
  return chosen || (country ? COUNTRY_ZONES[country.toUpperCase()] : undefined) || "UTC"
}
