import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Gift } from "@medusajs/icons"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { GiftDrawer } from "../../components/gift-drawer"
import { GiftFilterBar } from "../../components/gift-filters"
import { filterParams, type GiftFilters, type GiftPage, getJson, money, NO_FILTERS, STATE_COLORS, when, who } from "../../lib/gifts"
import { TableHead } from "../../components/table-head"

const PAGE = 50

/**
 * The staff gift report: every gift with who sent it to whom, what it cost and where it stands,
 * totals per state and currency over everything the filters match, and the same rows as CSV.
 */
const GiftsPage = () => {
  const [filters, setFilters] = useState<GiftFilters>(NO_FILTERS)
  const [pageIndex, setPageIndex] = useState(0)
  const [page, setPage] = useState<GiftPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [open, setOpen] = useState<string | null>(null)

  useEffect(() => {
    const params = filterParams(filters)
    params.set("limit", String(PAGE))
    params.set("offset", String(pageIndex * PAGE))
    setError(null)
    getJson<GiftPage>(`/admin/gifts?${params}`).then(setPage, (e) => setError(e.message))
  }, [filters, pageIndex])

  const pageCount = page ? Math.max(1, Math.ceil(page.count / PAGE)) : 1
  // A plain link: the browser downloads the streamed file itself, with the admin session cookie.
  const exportHref = `/admin/gifts/export?${filterParams(filters)}`

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Gifts</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Games players bought for friends. Select a row for its history.
          </Text>
        </div>
        <a className="txt-compact-small-plus text-ui-fg-interactive" href={exportHref} download>
          Export CSV
        </a>
      </div>
      <GiftFilterBar
        onApply={(f) => {
          setPageIndex(0)
          setFilters(f)
        }}
      />
      {error && <Text className="px-6 py-4 text-ui-fg-error">{error}</Text>}
      {page && page.totals.length > 0 && (
        <div className="flex flex-wrap gap-2 px-6 py-4">
          {page.totals.map((t) => (
            <div key={`${t.state}-${t.currency_code}`} className="rounded-md border px-3 py-2">
              <Badge size="2xsmall" color={STATE_COLORS[t.state]}>{t.state}</Badge>
              <Text size="small">
                {t.count} · {money(t.amount, t.currency_code)} · cash {money(t.cash_amount, t.currency_code)} · {t.points_used} pts
              </Text>
            </div>
          ))}
        </div>
      )}
      {page && page.gifts.length === 0 && <Text className="px-6 py-4 text-ui-fg-subtle">No gifts match.</Text>}
      {page && page.gifts.length > 0 && (
        <>
          <Table>
            <TableHead columns={["Bought", "Game", "From", "To", "Amount", "Points", "State"]} />
            <Table.Body>
              {page.gifts.map((g) => (
                <Table.Row key={g.id} className="cursor-pointer" onClick={() => setOpen(g.id)}>
                  <Table.Cell>{when(g.created_at)}</Table.Cell>
                  <Table.Cell>{g.game.title}</Table.Cell>
                  <Table.Cell>{who(g.sender)} ({g.sender_country})</Table.Cell>
                  <Table.Cell>{who(g.recipient)} ({g.recipient_country})</Table.Cell>
                  <Table.Cell>{money(g.amount, g.currency_code)}</Table.Cell>
                  <Table.Cell>{g.points_used}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={STATE_COLORS[g.state]}>{g.state}</Badge>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={page.count}
            pageSize={PAGE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((i) => Math.max(0, i - 1))}
            nextPage={() => setPageIndex((i) => i + 1)}
          />
        </>
      )}
      <GiftDrawer id={open} onClose={() => setOpen(null)} />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Gifts",
  icon: Gift,
})

export default GiftsPage
