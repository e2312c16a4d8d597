import Link from "next/link"
import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { FetchError } from "@medusajs/js-sdk"
import { GameCard } from "@/components/GameCard"
import { Pagination } from "@/components/Pagination"
import { SLUG, SORTS, type SortKey } from "@/lib/catalog"
import { countryName, humanize } from "@/lib/format"
import { listGameFilters, listGames, searchGames, type GameFilters } from "@/lib/medusa"
import { getShop } from "@/lib/shop"
import type { CardGame } from "@/lib/types"

const PAGE_SIZE = 24
const MAX_OFFSET = 100_000

type Search = Record<string, string | string[] | undefined>
type Props = { params: Promise<{ country: string }>; searchParams: Promise<Search> }

/** The browse page's filters from the URL, cleaned to what the backend accepts. */
function parseFilters(sp: Search) {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined))?.trim() || undefined
  const list = (k: string) =>
    (Array.isArray(sp[k]) ? (sp[k] as string[]) : [sp[k] ?? ""])
      .flatMap((v) => v.split(","))
      .map((v) => v.trim().toLowerCase())
      .filter((v) => SLUG.test(v))
      .slice(0, 20)
  const status = one("status")
  const statusOk: "released" | "upcoming" | undefined = status === "released" || status === "upcoming" ? status : undefined
  const sortRaw = one("sort")
  const q = one("q")?.slice(0, 100)
  // Words typed: best matches first, unless the player picks an order.
  const sort: SortKey | "relevance" =
    sortRaw && sortRaw in SORTS
      ? (sortRaw as SortKey)
      : q && (!sortRaw || sortRaw === "relevance")
        ? "relevance"
        : statusOk === "upcoming"
          ? "oldest"
          : "newest"
  const pageRaw = Number.parseInt(one("page") ?? "1", 10)
  const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? Math.min(pageRaw, Math.floor(MAX_OFFSET / PAGE_SIZE) + 1) : 1
  return {
    q,
    genre: list("genre"),
    tag: list("tag"),
    status: statusOk,
    sort,
    page,
    all: one("all") === "1",
  }
}
type Filters = ReturnType<typeof parseFilters>

function hrefFor(country: string, f: Filters, page: number) {
  const p = new URLSearchParams()
  if (f.q) p.set("q", f.q)
  if (f.genre.length) p.set("genre", f.genre.join(","))
  if (f.tag.length) p.set("tag", f.tag.join(","))
  if (f.status) p.set("status", f.status)
  p.set("sort", f.sort)
  if (f.all) p.set("all", "1")
  if (page > 1) p.set("page", String(page))
  return `/${country}/games?${p.toString()}`
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("browse")
  const f = parseFilters(await searchParams)
  return { title: f.q ? t("resultsFor", { q: f.q }) : t("title"), robots: f.q || f.page > 1 ? { index: false } : undefined }
}

export default async function Browse({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const t = await getTranslations()
  const f = parseFilters(await searchParams)
  const c = shop.country.code
  const here = countryName(c, shop.locale)

  let data: { games: CardGame[]; count: number } | null = null
  let badRequest = false
  // The choices are the catalog's own; without them the form still searches and sorts.
  const choicesOf = listGameFilters(f.all ? undefined : c.toUpperCase()).catch((): GameFilters => ({ genres: [], tags: [] }))
  try {
    // Words typed in this country: Medusa's Search Module (synonyms, typos, ko/ja titles). The
    // whole catalog ("all") and plain browsing: the game list.
    if (f.q && !f.all) {
      const found = await searchGames({
        q: f.q,
        genre: f.genre,
        tag: f.tag,
        status: f.status,
        sort: f.sort === "relevance" ? "relevance" : SORTS[f.sort],
        country_code: c,
        limit: PAGE_SIZE,
        offset: (f.page - 1) * PAGE_SIZE,
      })
      data = { games: found.hits, count: found.total }
    } else data = await listGames({
      q: f.q,
      genre: f.genre,
      tag: f.tag,
      status: f.status,
      order: f.sort === "relevance" ? undefined : SORTS[f.sort],
      country: f.all ? undefined : c.toUpperCase(),
      country_code: c,
      limit: PAGE_SIZE,
      offset: (f.page - 1) * PAGE_SIZE,
    })
  } catch (error) {
    if (error instanceof FetchError && error.status === 400) badRequest = true
    else throw error
  }
  const choices = await choicesOf
  const pages = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1
  const label = (g: string) => (t.has(`genres.${g}`) ? t(`genres.${g}`) : humanize(g))
  const hasFilters = !!(f.q || f.genre.length || f.tag.length || f.status || f.all)

  return (
    <main id="main" className="page browse">
      <div className="browse-head">
        <h1>{f.q ? t("browse.resultsFor", { q: f.q }) : t("browse.title")}</h1>
        {data && <p className="muted" role="status">{t("browse.count", { count: data.count })}</p>}
      </div>
      <div className="browse-layout">
        <details className="filters" open>
          <summary>{t("browse.filters")}</summary>
          <form method="get" action={`/${c}/games`} className="filters-form">
            <label>
              <span>{t("browse.search")}</span>
              <input type="search" name="q" defaultValue={f.q ?? ""} maxLength={100} />
            </label>
            <label>
              <span>{t("browse.genre")}</span>
              <select name="genre" defaultValue={f.genre[0] ?? ""}>
                <option value="">{t("browse.any")}</option>
                {choices.genres.map(({ value, count }) => (
                  <option key={value} value={value}>
                    {label(value)} ({count})
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t("browse.tag")}</span>
              <select name="tag" defaultValue={f.tag[0] ?? ""}>
                <option value="">{t("browse.any")}</option>
                {choices.tags.map(({ value, count }) => (
                  <option key={value} value={value}>
                    {humanize(value)} ({count})
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>{t("browse.status")}</legend>
              {([
                ["", t("browse.statusAll")],
                ["released", t("browse.statusReleased")],
                ["upcoming", t("browse.statusUpcoming")],
              ] as const).map(([value, text]) => (
                <label key={value} className="radio">
                  <input type="radio" name="status" value={value} defaultChecked={(f.status ?? "") === value} />
                  <span>{text}</span>
                </label>
              ))}
            </fieldset>
            <label>
              <span>{t("browse.sort")}</span>
              <select name="sort" defaultValue={f.sort}>
                {f.q && <option value="relevance">{t("browse.sortRelevance")}</option>}
                <option value="newest">{t("browse.sortNewest")}</option>
                <option value="oldest">{f.status === "upcoming" ? t("browse.sortSoonest") : t("browse.sortOldest")}</option>
                <option value="price-asc">{t("browse.sortPriceAsc")}</option>
                <option value="price-desc">{t("browse.sortPriceDesc")}</option>
                <option value="title">{t("browse.sortTitle")}</option>
                <option value="title-desc">{t("browse.sortTitleDesc")}</option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" name="all" value="1" defaultChecked={f.all} />
              <span>{t("browse.includeUnsold", { country: here })}</span>
            </label>
            <div className="filters-actions">
              <button type="submit" className="btn btn-primary">
                {t("browse.apply")}
              </button>
              {hasFilters && (
                <Link href={`/${c}/games`} className="btn btn-ghost">
                  {t("browse.clear")}
                </Link>
              )}
            </div>
          </form>
        </details>
        <div className="results">
          {badRequest ? (
            <p className="notice">{t("browse.badRequest")}</p>
          ) : data && data.games.length === 0 ? (
            <p className="notice">
              {t("browse.empty")}{" "}
              {data.count > 0 && <Link href={hrefFor(c, f, 1)}>{t("browse.page", { page: 1, pages })}</Link>}
            </p>
          ) : (
            data && (
              <ol className="grid">
                {data.games.map((game) => (
                  <li key={game.id}>
                    <GameCard game={game} shop={shop} idPrefix="b" />
                  </li>
                ))}
              </ol>
            )
          )}
          {data && <Pagination page={f.page} pages={pages} hrefFor={(p) => hrefFor(c, f, p)} />}
        </div>
      </div>
    </main>
  )
}
