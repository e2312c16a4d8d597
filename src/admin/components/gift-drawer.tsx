import { Badge, Drawer, Heading, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { type GiftDetail, getJson, money, STATE_COLORS, when, who } from "../lib/gifts"
import { TableHead } from "./table-head"

const Field = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-[140px_1fr] gap-2">
    <Text size="small" className="text-ui-fg-subtle">{label}</Text>
    <Text size="small">{children}</Text>
  </div>
)

/** One gift and its history, oldest change first. */
export const GiftDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => {
  const [detail, setDetail] = useState<GiftDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setDetail(null)
    setError(null)
    if (!id) return
    getJson<GiftDetail>(`/admin/gifts/${encodeURIComponent(id)}`).then(setDetail, (e) => setError(e.message))
  }, [id])

  const g = detail?.gift
  return (
    <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Gift {id}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          {error && <Text className="text-ui-fg-error">{error}</Text>}
          {g && (
            <div className="flex flex-col gap-2">
              <Field label="State">
                <Badge size="2xsmall" color={STATE_COLORS[g.state]}>{g.state}</Badge> {g.refund_reason ?? g.failure_reason ?? ""}
              </Field>
              <Field label="Game">{g.game.title}</Field>
              <Field label="From">{who(g.sender)} · {g.sender.email ?? "no email"} · {g.sender_country}</Field>
              <Field label="To">{who(g.recipient)} · {g.recipient.email ?? "no email"} · {g.recipient_country}</Field>
              <Field label="Amount">
                {money(g.amount, g.currency_code)} ({money(g.cash_amount, g.currency_code)} paid, {g.points_used} points)
              </Field>
              <Field label="Message">{g.message || "—"}</Field>
              <Field label="Bought">{when(g.bought_at)}</Field>
              <Field label="Deliver at">{when(g.deliver_at)}</Field>
              <Field label="Delivered">{when(g.delivered_at)}</Field>
              <Field label="Answered">{when(g.answered_at)}</Field>
              <Field label="Expires">{when(g.expires_at)}</Field>
              <Field label="Refunded">{when(g.refunded_at)}</Field>
              {g.order_id && (
                <Field label="Order">
                  <a href={`/app/orders/${g.order_id}`}>{g.order_id}</a>
                </Field>
              )}
            </div>
          )}
          {detail && (
            <>
              <Heading level="h3">History</Heading>
              <Table>
                <TableHead columns={["When", "Change", "Cause", "By"]} />
                <Table.Body>
                  {detail.history.map((e) => (
                    <Table.Row key={e.id}>
                      <Table.Cell>{when(e.created_at)}</Table.Cell>
                      <Table.Cell>{e.from_state ? `${e.from_state} → ${e.to_state}` : e.to_state}</Table.Cell>
                      <Table.Cell>{e.cause}</Table.Cell>
                      <Table.Cell>{e.actor}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
