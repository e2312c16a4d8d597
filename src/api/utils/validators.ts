import { z } from "@medusajs/framework/zod"
import { normalizeCountryCode } from "../../modules/region-policy/countries"
import { AGE_RATINGS, PLATFORMS } from "../../modules/game/models/game"

/**
 * Every text field has a length limit, every list a size limit and every number bounds. (Characters
 * PostgreSQL cannot store, U+0000 and lone surrogates, are refused for every route before these
 * schemas run: src/api/utils/input-guard.ts.)
 */
export const LIMITS = {
  /** Ids of Medusa and our modules (`reg_01…`, `game_01…`), with room to spare. */
  id: 100,
  /** RFC 5321: an address is at most 254 characters. */
  email: 254,
  url: 2_000,
  /** A page of a list may start this far in at most. */
  offset: 100_000,
  /** The largest amount of money anywhere (a price is at most 100 000 000 in its currency). */
  money: 10_000_000_000,
} as const

/** A Medusa or module id: letters, digits, `_` and `-`. */
export const entityId = z.string().min(1).max(LIMITS.id).regex(/^[\w-]+$/, "Not a valid id")
const offsetParam = z.coerce.number().int().min(0).max(LIMITS.offset).default(0)

/** Comma separated or repeated query values become one list. */
export const listParam = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(",")).map((x) => x.trim()).filter(Boolean),
    z.array(item).max(20)
  )

export const countryCode = z.string().max(10).transform((value, ctx) => {
  const code = normalizeCountryCode(value)
  if (!code) {
    ctx.addIssue({ code: "custom", message: `Unknown country code '${value}' (ISO 3166-1 alpha-2 expected)` })
    return z.NEVER
  }
  return code
})

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use lower-case letters, digits and dashes")

export const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    "Expected an ISO 8601 date, e.g. 2026-12-01 or 2026-12-01T09:00:00Z"
  )
  .transform((value, ctx) => {
    const date = new Date(value)
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: `Invalid date '${value}'` })
      return z.NEVER
    }
    return date
  })

export const currencyCode = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, "Expected a 3-letter ISO 4217 currency code")
  .transform((c) => c.toLowerCase())

export const GamePriceSchema = z
  .object({
    currency_code: currencyCode,
    amount: z.number().finite().nonnegative("Price must not be negative").max(100_000_000),
  })
  .strict()

const prices = z
  .array(GamePriceSchema)
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((p) => p.currency_code)).size === list.length, {
    message: "One price per currency",
  })

// Without defaults: an update must only touch the fields it sends.
const gameDetailFields = {
  genres: z.array(slug).min(1).max(10),
  tags: z.array(slug).max(30),
  developer: z.string().trim().min(1).max(200),
  publisher: z.string().trim().min(1).max(200),
  release_at: isoDate,
  platforms: z
    .array(z.enum(PLATFORMS))
    .min(1)
    .max(PLATFORMS.length)
    .transform((list) => [...new Set(list)]),
  age_rating: z
    .number()
    .int()
    .refine((n) => (AGE_RATINGS as readonly number[]).includes(n), {
      message: `Age rating must be one of ${AGE_RATINGS.join(", ")}`,
    }),
  service_countries: z
    .array(countryCode)
    .min(1, "A game needs at least one service country")
    .max(250)
    .transform((list) => [...new Set(list)]),
  download_asset: z.string().trim().max(500).nullish(),
  preorder_enabled: z.boolean(),
  title_ko: z.string().trim().min(1).max(300).nullish(),
  title_ja: z.string().trim().min(1).max(300).nullish(),
}

export const GameDetailsSchema = z
  .object({
    ...gameDetailFields,
    tags: gameDetailFields.tags.default([]),
    age_rating: gameDetailFields.age_rating.default(0),
    preorder_enabled: gameDetailFields.preorder_enabled.default(false),
  })
  .strict()

export const AdminCreateGame = GameDetailsSchema.extend({
  title: z.string().trim().min(1).max(300),
  handle: slug.max(100).optional(),
  subtitle: z.string().max(300).nullish(),
  description: z.string().max(20_000).nullish(),
  thumbnail: z.string().max(LIMITS.url).url().nullish(),
  status: z.enum(["draft", "published"]).default("published"),
  prices,
}).strict()
export type AdminCreateGameType = z.infer<typeof AdminCreateGame>

export const AdminUpdateGame = z
  .object(gameDetailFields)
  .partial()
  .extend({ prices: prices.optional() })
  .strict()
export type AdminUpdateGameType = z.infer<typeof AdminUpdateGame>

export const AdminGamesQuery = z
  .object({
    q: z.string().max(100).optional(),
    genre: listParam(slug).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: offsetParam,
  })
  .strict()

export const StoreGamesQuery = z
  .object({
    genre: listParam(slug).optional(),
    tag: listParam(slug).optional(),
    status: z.enum(["released", "upcoming"]).optional(),
    price_min: z.coerce.number().finite().nonnegative().max(LIMITS.money).optional(),
    price_max: z.coerce.number().finite().nonnegative().max(LIMITS.money).optional(),
    country: countryCode.optional(),
    region_id: entityId.optional(),
    country_code: countryCode.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    order: z.enum(["release_at", "-release_at", "price", "-price", "title", "-title"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: offsetParam,
  })
  .strict()
  .refine((q) => q.price_min === undefined || q.price_max === undefined || q.price_min <= q.price_max, {
    message: "price_min must not exceed price_max",
  })
export type StoreGamesQueryType = z.infer<typeof StoreGamesQuery>

export const StoreGameFiltersQuery = z.object({ country: countryCode.optional() }).strict()

export const StoreGameQuery = z
  .object({ region_id: entityId.optional(), country_code: countryCode.optional() })
  .strict()

const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone name the runtime knows ("Asia/Seoul"). */
export const timeZone = z.string().min(1).max(64).refine(knownZone, "Not a known time zone")

export const StoreCreateAccount = z
  .object({
    email: z.string().max(LIMITS.email).email(),
    first_name: z.string().max(100).nullish(),
    last_name: z.string().max(100).nullish(),
    phone: z.string().max(40).nullish(),
    residence_country: countryCode,
    handle: z.string().max(40).optional(),
    display_name: z.string().max(200).optional(),
    time_zone: timeZone.optional(),
  })
  .strict()

/** Handle and display name rules live with the profile (src/modules/account/profile-rules.ts). */
export const StoreProfileChange = z
  .object({ handle: z.string().max(40).optional(), display_name: z.string().max(200).optional(), time_zone: timeZone.nullable().optional() })
  .strict()
  .refine((b) => b.handle !== undefined || b.display_name !== undefined || b.time_zone !== undefined, {
    message: "Send a handle, a display_name or a time_zone",
  })

export const ResidenceChangeBody = z
  .object({ country_code: countryCode, reason: z.string().trim().max(500).optional() })
  .strict()

export const PagingQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: offsetParam,
  })
  .strict()

export const AdminAdjustPoints = z
  .object({
    points: z
      .number()
      .int("Points must be a whole number")
      .min(-1_000_000_000)
      .max(1_000_000_000)
      .refine((n) => n !== 0, { message: "Points must not be zero" }),
    reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(500),
  })
  .strict()

export const AdminSetEarnRate = z
  .object({ region_id: entityId, rate: z.number().min(0).max(1) })
  .strict()

export const StoreSandboxPayment = z
  .object({ outcome: z.enum(["paid", "failed"], { message: "outcome must be 'paid' or 'failed'" }) })
  .strict()

export const StorePlayTime = z
  .object({ minutes: z.number().int("Minutes must be a whole number").min(1).max(24 * 60) })
  .strict()

/** How a player pays a purchase or a gift: points, the expected total, the provider and method. */
export const purchasePaymentFields = {
  points: z.number().int("Points must be a whole number").min(0, "Points must not be negative").max(100_000_000).default(0),
  expected_total: z.number().finite().nonnegative().max(LIMITS.money).optional(),
  payment: z
    .object({
      provider_id: entityId.optional(),
      method: z.string().min(1).max(40).optional(),
      account: z.string().max(64).optional(),
      authentication: z.string().max(40).optional(),
    })
    .strict()
    .optional(),
}

/** A purchase: an existing cart of the player's, or games to buy at once ("buy now"). */
export const StorePurchaseBody = z
  .object({
    cart_id: entityId.optional(),
    game_ids: z.array(entityId).min(1).max(20).optional(),
    promo_codes: z.array(z.string().trim().min(1).max(60).regex(/^[\w-]+$/, "Not a valid promotion code")).max(5).optional(),
    ...purchasePaymentFields,
  })
  .strict()
  .refine((b) => !!b.cart_id !== !!b.game_ids, { message: "Give either cart_id or game_ids" })

/** A refund of games of an order: the games (all its refundable games when omitted). */
export const StoreRefundBody = z
  .object({ game_ids: z.array(entityId).min(1).max(20).optional() })
  .strict()

/** A mailed unsubscribe link's token (base64url payload and signature). */
export const StoreUnsubscribe = z.object({ token: z.string().min(1).max(1000).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "Not an unsubscribe token") }).strict()
export type StoreUnsubscribeType = z.infer<typeof StoreUnsubscribe>
