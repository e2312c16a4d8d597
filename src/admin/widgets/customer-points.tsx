import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useRef, useState, type FormEvent } from "react"

const PAGE_SIZE = 20

type Kind = "earn" | "hold" | "spend" | "release" | "clawback" | "adjust"
type Entry = {
  id: string; kind: Kind; amount: number; reference_id: string | null
  reason: string | null; created_by: string | null; created_at: string
}
type PointsPage = { balance: number; entries: Entry[]; count: number; limit: number; offset: number }

const KIND_COLORS: Record<Kind, "green" | "red" | "blue" | "orange" | "grey" | "purple"> = {
  earn: "green", hold: "orange", spend: "purple", release: "blue", clawback: "red", adjust: "grey",
}

const formatNumber = (n: number) => n.toLocaleString()
const formatAmount = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(Math.abs(n))}` : "0")
const amountClass = (n: number) => (n > 0 ? "text-ui-tag-green-text" : n < 0 ? "text-ui-tag-red-text" : "text-ui-fg-subtle")

const readJson = async (res: Response) => {
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
  return body
}

// Returns an error message, or null when the input is acceptable.
const validate = (points: string, reason: string): string | null => {
  const trimmed = points.trim()
  if (!/^[+-]?\d+$/.test(trimmed)) return "Points must be a whole number, e.g. 50 or -20"
  const value = Number(trimmed)
  if (!Number.isSafeInteger(value)) return "Points value is too large"
  if (value === 0) return "Points must not be zero"
  const r = reason.trim()
  if (r.length < 3) return "Reason must be at least 3 characters"
  if (r.length > 500) return "Reason must be at most 500 characters"
  return null
}

const CustomerPointsWidget = ({ data }: DetailWidgetProps<AdminCustomer>) => {
  const url = `/admin/customers/${data.id}/points`
  const [page, setPage] = useState<PointsPage | null>(null)
  const [offset, setOffset] = useState(0)
  const [reloadToken, setReloadToken] = useState(0)
  const [loading, setLoading] = useState(true)
  const [loadError, setLoadError] = useState<string | null>(null)

  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  // Idempotency key of the last failed submission, reused if the same values are submitted again.
  const pending = useRef<{ signature: string; key: string } | null>(null)

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    setLoadError(null)
    fetch(`${url}?limit=${PAGE_SIZE}&offset=${offset}`, { credentials: "include" })
      .then(readJson)
      .then((body: PointsPage) => !cancelled && setPage(body))
      .catch((e: Error) => !cancelled && setLoadError(e.message))
      .finally(() => !cancelled && setLoading(false))
    return () => {
      cancelled = true
    }
  }, [url, offset, reloadToken])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (submitting) return
    const invalid = validate(points, reason)
    setFormError(invalid)
    if (invalid) return

    const body = { points: Number(points.trim()), reason: reason.trim() }
    const signature = JSON.stringify(body)
    if (pending.current?.signature !== signature) pending.current = { signature, key: crypto.randomUUID() }

    setSubmitting(true)
    try {
      const res = await fetch(`${url}/adjustments`, {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json", "Idempotency-Key": pending.current.key },
        body: signature,
      })
      const result = await readJson(res)
      pending.current = null
      setPoints("")
      setReason("")
      setPage((p) => (p ? { ...p, balance: result.balance } : p))
      setOffset(0)
      setReloadToken((t) => t + 1)
      toast.success(`Points adjusted by ${formatAmount(body.points)}`, {
        description: `New balance: ${formatNumber(result.balance)}`,
      })
    } catch (err) {
      setFormError((err as Error).message)
    } finally {
      setSubmitting(false)
    }
  }

  const count = page?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))
  const pageIndex = Math.floor(offset / PAGE_SIZE)

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Points</Heading>
        {loading && <Text size="small" className="text-ui-fg-subtle">Loading…</Text>}
      </div>

      <div className="flex flex-col gap-1 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">Current balance</Text>
        <Text className="text-3xl font-semibold" weight="plus">
          {page ? formatNumber(page.balance) : "–"}
        </Text>
      </div>

      {loadError && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-error">{loadError}</Text>
        </div>
      )}

      <div>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Date</Table.HeaderCell>
              <Table.HeaderCell>Kind</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
              <Table.HeaderCell>Reason / reference</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {page?.entries.map((entry) => (
              <Table.Row key={entry.id}>
                <Table.Cell className="whitespace-nowrap">{new Date(entry.created_at).toLocaleString()}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={KIND_COLORS[entry.kind] ?? "grey"}>{entry.kind}</Badge>
                </Table.Cell>
                <Table.Cell className={`text-right font-medium ${amountClass(entry.amount)}`}>
                  {formatAmount(entry.amount)}
                </Table.Cell>
                <Table.Cell className="max-w-[320px] truncate" title={entry.reason ?? entry.reference_id ?? undefined}>
                  {entry.reason ?? (entry.reference_id ? <span className="text-ui-fg-subtle">{entry.reference_id}</span> : "-")}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {page && page.entries.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">No points activity yet</Text>
        )}
        <Table.Pagination
          count={count}
          pageSize={PAGE_SIZE}
          pageIndex={pageIndex}
          pageCount={pageCount}
          canPreviousPage={!loading && offset > 0}
          canNextPage={!loading && offset + PAGE_SIZE < count}
          previousPage={() => setOffset((o) => Math.max(0, o - PAGE_SIZE))}
          nextPage={() => setOffset((o) => o + PAGE_SIZE)}
          translations={{ prev: "Previous", next: "Next" }}
        />
      </div>

      <form onSubmit={submit} className="flex flex-col gap-3 px-6 py-4">
        <Heading level="h3">Adjust points</Heading>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-[160px_1fr]">
          <div className="flex flex-col gap-1">
            <Label htmlFor="points-amount" size="small" weight="plus">Points</Label>
            <Input id="points-amount" size="small" inputMode="numeric" placeholder="e.g. 50 or -20"
              value={points} disabled={submitting} onChange={(e) => setPoints(e.target.value)} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="points-reason" size="small" weight="plus">Reason</Label>
            <Input id="points-reason" size="small" maxLength={500} placeholder="Why are the points changing?"
              value={reason} disabled={submitting} onChange={(e) => setReason(e.target.value)} />
          </div>
        </div>
        {formError && <Text size="small" className="text-ui-fg-error">{formError}</Text>}
        <div className="flex justify-end">
          <Button type="submit" size="small" isLoading={submitting}>Adjust points</Button>
        </div>
      </form>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerPointsWidget
