import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ExclamationCircle } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"
import { TableHead } from "../../components/table-head"

type Alert = {
  refund_id: string
  customer_id: string
  order_id: string
  games: { game_id: string; title: string }[]
  amount: number | null
  currency_code: string
  failure: string
  attempts: number
  next_retry_at: string | null
  updated_at: string
}

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)

/**
 * Refunds that did not go through. They stay here until the refund succeeds: retried
 * automatically with backoff, or now with "Retry".
 */
const RefundAlertsPage = () => {
  const [alerts, setAlerts] = useState<Alert[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const res = await fetch("/admin/refund-alerts", { credentials: "include" })
      const body = await res.json()
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
      setAlerts(body.alerts)
    } catch (e: any) {
      setError(e.message)
    }
  }, [])

  useEffect(() => {
    load()
  }, [load])

  const retry = async (id: string) => {
    setBusy(id)
    try {
      const res = await fetch(`/admin/refund-alerts/${id}/retry`, { method: "POST", credentials: "include" })
      const body = await res.json().catch(() => ({}))
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
      toast.success(body.started ? "Refund started again" : "A refund is already running")
      setTimeout(load, 1500)
    } catch (e: any) {
      toast.error(e.message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Refund alerts</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Refunds that did not go through. Each is retried automatically with backoff until it succeeds.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={load}>
          Refresh
        </Button>
      </div>
      {error && <Text className="px-6 py-4 text-ui-fg-error">{error}</Text>}
      {alerts && alerts.length === 0 && <Text className="px-6 py-4 text-ui-fg-subtle">No failed refunds.</Text>}
      {alerts && alerts.length > 0 && (
        <Table>
          <TableHead columns={["Order", "Games", "Amount", "Reason", "Attempts", "Next retry", ""]} />
          <Table.Body>
            {alerts.map((a) => (
              <Table.Row key={a.refund_id}>
                <Table.Cell>
                  <a href={`/app/orders/${a.order_id}`}>{a.order_id}</a>
                </Table.Cell>
                <Table.Cell>{a.games.map((g) => g.title).join(", ")}</Table.Cell>
                <Table.Cell>{a.amount === null ? "—" : money(a.amount, a.currency_code)}</Table.Cell>
                <Table.Cell>
                  <Badge color="red" size="2xsmall">
                    {a.failure}
                  </Badge>
                </Table.Cell>
                <Table.Cell>{a.attempts}</Table.Cell>
                <Table.Cell>{a.next_retry_at ? new Date(a.next_retry_at).toLocaleString() : "staff only"}</Table.Cell>
                <Table.Cell>
                  <Button size="small" variant="secondary" isLoading={busy === a.refund_id} onClick={() => retry(a.refund_id)}>
                    Retry now
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Refund alerts",
  icon: ExclamationCircle,
})

export default RefundAlertsPage
