import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState, type FormEvent } from "react"
import { TableHead } from "../components/table-head"

type Source = "signup" | "customer" | "admin" | "first_purchase"
type Change = {
  id: string; from_country: string | null; to_country: string; reason: string | null; source: Source
  created_at: string; lift_id: string | null; lifted_by: string | null
}
type Lift = { id: string; created_by: string; reason: string; created_at: string; used_at: string | null; change_id: string | null }
type Residence = {
  customer_id: string; country_code: string | null; change_allowed: boolean; next_change_at: string | null
  last_change_at: string | null; change_days: number; open_lift: Lift | null; changes: Change[]; lifts: Lift[]
}

const SOURCE_LABELS: Record<Source, string> = {
  signup: "Sign-up", customer: "Player", admin: "Staff", first_purchase: "First purchase",
}
const SOURCE_COLORS: Record<Source, "green" | "blue" | "orange" | "grey" | "purple"> = {
  signup: "green", first_purchase: "green", customer: "blue", admin: "purple",
}

const formatDate = (d: string | null) => (d ? new Date(d).toLocaleString() : "–")

const readJson = async (res: Response) => {
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
  return body
}

// Returns an error message, or null when the reason is acceptable.
const validate = (reason: string): string | null => {
  const r = reason.trim()
  if (r.length < 3) return "Reason must be at least 3 characters"
  if (r.length > 500) return "Reason must be at most 500 characters"
  return null
}

/** One log: the changes, and the staff lifts (a lift that was used shows on its change too). */
type Row =
  | { kind: "change"; at: string; change: Change }
  | { kind: "lift"; at: string; lift: Lift }

const CustomerResidenceWidget = ({ data }: DetailWidgetProps<AdminCustomer>) => {
  const url = `/admin/customers/${data.id}/residence`
  const [residence, setResidence] = useState<Residence | null>(null)
  const [reloadToken, setReloadToken] = useState(0)
  const [loading, setLoading] = useState(true)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [reason, setReason] = useState("")
  const [submitting, setSubmitting] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    setLoadError(null)
    fetch(url, { credentials: "include" })
      .then(readJson)
      .then((body: { residence: Residence }) => !cancelled && setResidence(body.residence))
      .catch((e: Error) => !cancelled && setLoadError(e.message))
      .finally(() => !cancelled && setLoading(false))
    return () => {
      cancelled = true
    }
  }, [url, reloadToken])

  const lift = async (e: FormEvent) => {
    e.preventDefault()
    if (submitting) return
    const invalid = validate(reason)
    setFormError(invalid)
    if (invalid) return
    setSubmitting(true)
    try {
      const body = await readJson(
        await fetch(`${url}/lift`, {
          method: "POST",
          credentials: "include",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ reason: reason.trim() }),
        })
      )
      setResidence(body.residence)
      setReason("")
      setReloadToken((t) => t + 1)
      toast.success(body.created ? "Limit lifted" : "A lift is already open", {
        description: "The player can make one residence change now",
      })
    } catch (err) {
      setFormError((err as Error).message)
    } finally {
      setSubmitting(false)
    }
  }

  const rows: Row[] = residence
    ? [
        ...residence.changes.map((change): Row => ({ kind: "change", at: change.created_at, change })),
        ...residence.lifts.map((lift): Row => ({ kind: "lift", at: lift.created_at, lift })),
      ].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    : []

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Residence</Heading>
        {loading && <Text size="small" className="text-ui-fg-subtle">Loading…</Text>}
      </div>

      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-3">
        <div className="flex flex-col gap-1">
          <Text size="small" className="text-ui-fg-subtle">Country</Text>
          <Text className="text-2xl font-semibold" weight="plus">{residence?.country_code ?? "–"}</Text>
        </div>
        <div className="flex flex-col gap-1">
          <Text size="small" className="text-ui-fg-subtle">Next change</Text>
          {residence && (
            residence.change_allowed ? (
              <div><Badge size="2xsmall" color="green">Allowed now</Badge></div>
            ) : (
              <Text size="small" weight="plus">{formatDate(residence.next_change_at)}</Text>
            )
          )}
        </div>
        <div className="flex flex-col gap-1">
          <Text size="small" className="text-ui-fg-subtle">Rule</Text>
          <Text size="small">
            {residence ? (residence.change_days > 0 ? `One change every ${residence.change_days} days` : "Off") : "–"}
          </Text>
          {residence?.open_lift && (
            <Text size="small" className="text-ui-fg-subtle">
              Lifted by {residence.open_lift.created_by} on {formatDate(residence.open_lift.created_at)}
            </Text>
          )}
        </div>
      </div>

      {loadError && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-error">{loadError}</Text>
        </div>
      )}

      <div>
        <Table>
          <TableHead columns={["Date", "Cause", "Change", "Reason"]} />
          <Table.Body>
            {rows.map((row) =>
              row.kind === "change" ? (
                <Table.Row key={row.change.id}>
                  <Table.Cell className="whitespace-nowrap">{formatDate(row.change.created_at)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={SOURCE_COLORS[row.change.source] ?? "grey"}>
                      {SOURCE_LABELS[row.change.source] ?? row.change.source}
                    </Badge>
                    {row.change.lift_id && (
                      <Text size="xsmall" className="text-ui-fg-subtle">lifted by {row.change.lifted_by ?? "staff"}</Text>
                    )}
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">
                    {row.change.from_country ? `${row.change.from_country} → ${row.change.to_country}` : `set ${row.change.to_country}`}
                  </Table.Cell>
                  <Table.Cell className="max-w-[280px] truncate" title={row.change.reason ?? undefined}>
                    {row.change.reason ?? "-"}
                  </Table.Cell>
                </Table.Row>
              ) : (
                <Table.Row key={row.lift.id}>
                  <Table.Cell className="whitespace-nowrap">{formatDate(row.lift.created_at)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color="orange">Limit lifted</Badge>
                    <Text size="xsmall" className="text-ui-fg-subtle">by {row.lift.created_by}</Text>
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">
                    {row.lift.used_at ? `used ${formatDate(row.lift.used_at)}` : "open"}
                  </Table.Cell>
                  <Table.Cell className="max-w-[280px] truncate" title={row.lift.reason}>{row.lift.reason}</Table.Cell>
                </Table.Row>
              )
            )}
          </Table.Body>
        </Table>
        {residence && rows.length === 0 && (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">No residence set yet</Text>
        )}
      </div>

      <form onSubmit={lift} className="flex flex-col gap-3 px-6 py-4">
        <Heading level="h3">Lift the change limit</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Lets this player make one residence change now, whenever the last one was.
        </Text>
        <div className="flex flex-col gap-1">
          <Label htmlFor="residence-lift-reason" size="small" weight="plus">Reason</Label>
          <Input id="residence-lift-reason" size="small" maxLength={500} placeholder="Why may the player move again now?"
            value={reason} disabled={submitting || !!residence?.open_lift} onChange={(e) => setReason(e.target.value)} />
        </div>
        {formError && <Text size="small" className="text-ui-fg-error">{formError}</Text>}
        <div className="flex justify-end">
          <Button type="submit" size="small" variant="secondary" isLoading={submitting} disabled={!!residence?.open_lift}>
            {residence?.open_lift ? "Lift open" : "Lift limit"}
          </Button>
        </div>
      </form>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerResidenceWidget
