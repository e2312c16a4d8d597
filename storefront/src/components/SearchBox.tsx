"use client"

import { useEffect, useId, useRef, useState, type ReactNode } from "react"
import { useRouter } from "next/navigation"
import { useTranslations } from "next-intl"
import { formatPrice } from "@/lib/format"

type Suggestion = {
  id: string
  handle: string
  title: string
  /** The parts of the title the query matched (offsets into `title`). */
  matches?: { start: number; end: number }[]
  released: boolean
  price: { amount: number; currency_code: string } | null
}

/** The title with its matched parts in <mark>, built from offsets (no HTML from the network). */
function Marked({ text, matches = [] }: { text: string; matches?: { start: number; end: number }[] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const { start, end } of matches) {
    if (start < at || end > text.length || end <= start) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

type Props = { country: string; intl: string; initialQuery?: string }

/**
 * The header search: a form to the browse page, with suggestions as you type (debounced,
 * from /api/suggest, which asks GET /store/search/suggest). ARIA 1.2 combobox with a listbox popup:
 * ↑/↓ move, Enter opens the highlighted game (or searches), Escape closes / clears.
 */
export function SearchBox({ country, intl, initialQuery = "" }: Props) {
  const t = useTranslations("search")
  const router = useRouter()
  const id = useId()
  const listId = `${id}-list`
  const [query, setQuery] = useState(initialQuery)
  const [items, setItems] = useState<Suggestion[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [loading, setLoading] = useState(false)
  const abort = useRef<AbortController | null>(null)
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const q = query.trim()
    if (q.length < 2) {
      abort.current?.abort()
      setItems([])
      setLoading(false)
      return
    }
    setLoading(true)
    const timer = setTimeout(async () => {
      abort.current?.abort()
      const controller = new AbortController()
      abort.current = controller
      try {
        const res = await fetch(`/api/suggest?country=${country}&q=${encodeURIComponent(q)}`, {
          signal: controller.signal,
        })
        const data = res.ok ? ((await res.json()) as { games: Suggestion[] }) : { games: [] }
        setItems(data.games)
        setActive(-1)
      } catch (error) {
        if ((error as Error).name !== "AbortError") setItems([])
      } finally {
        if (!controller.signal.aborted) setLoading(false)
      }
    }, 200)
    return () => clearTimeout(timer)
  }, [query, country])

  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener("mousedown", onDown)
    return () => document.removeEventListener("mousedown", onDown)
  }, [])

  const q = query.trim()
  const showList = open && q.length >= 2
  const go = (item: Suggestion) => {
    setOpen(false)
    router.push(`/${country}/games/${item.handle}`)
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (items.length ? (i + 1) % items.length : -1))
    } else if (event.key === "ArrowUp") {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (items.length ? (i <= 0 ? items.length - 1 : i - 1) : -1))
    } else if (event.key === "Enter" && showList && active >= 0 && items[active]) {
      event.preventDefault()
      go(items[active])
    } else if (event.key === "Escape") {
      if (showList) {
        event.preventDefault()
        setOpen(false)
        setActive(-1)
      } else if (query) {
        event.preventDefault()
        setQuery("")
      }
    }
  }

  return (
    <div className="search" ref={boxRef}>
      <form
        role="search"
        action={`/${country}/games`}
        method="get"
        onSubmit={(event) => {
          if (!q) event.preventDefault()
          setOpen(false)
        }}
      >
        <label htmlFor={`${id}-input`} className="sr-only">
          {t("label")}
        </label>
        <input
          id={`${id}-input`}
          name="q"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          placeholder={t("placeholder")}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="search-submit">
          <span className="sr-only">{t("submit")}</span>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
            <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          </svg>
        </button>
      </form>
      <ul id={listId} role="listbox" aria-label={t("suggestions")} className="search-list" hidden={!showList}>
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "active" : undefined}
            onMouseDown={(event) => {
              event.preventDefault()
              go(item)
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="search-title">
              <Marked text={item.title} matches={item.matches} />
            </span>
            {item.price && (
              <span className="search-price">{formatPrice(item.price.amount, item.price.currency_code, intl)}</span>
            )}
          </li>
        ))}
        {!loading && items.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="search-empty">
            {t("none", { q })}
          </li>
        )}
        {loading && items.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="search-empty">
            {t("searching")}
          </li>
        )}
      </ul>
      <div className="sr-only" role="status" aria-live="polite">
        {showList && !loading ? t("count", { count: items.length }) : ""}
      </div>
    </div>
  )
}
