import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Envelope } from "@medusajs/icons"
import { Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"
import { TableHead } from "../../components/table-head"

type Mail = {
  id: string
  to: string
  template: string
  data: { subject?: string; text?: string } | null
  created_at: string
}

const PAGE = 20

/**
 * Every mail the store sent, as the notification provider stored it: to whom, the subject and the
 * text the player got. Newest first; filter by recipient address.
 */
const MailPage = () => {
  const [mails, setMails] = useState<Mail[] | null>(null)
  const [count, setCount] = useState(0)
  const [offset, setOffset] = useState(0)
  // Medusa filters recipients by exact address, so the filter applies when submitted, not per keystroke.
  const [draft, setDraft] = useState("")
  const [to, setTo] = useState("")
  const [open, setOpen] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    const params = new URLSearchParams({ channel: "email", limit: String(PAGE), offset: String(offset), order: "-created_at" })
    if (to.trim()) params.set("to", to.trim())
    try {
      const res = await fetch(`/admin/notifications?${params}`, { credentials: "include" })
      const body = await res.json()
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
      setMails(body.notifications)
      setCount(body.count)
    } catch (e: any) {
      setError(e.message)
    }
  }, [offset, to])

  useEffect(() => {
    load()
  }, [load])

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">Mail</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every mail sent to players, as they received it. Select a row to read it.
          </Text>
        </div>
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (draft === to && offset === 0) return load()
            setOffset(0)
            setTo(draft)
          }}
        >
          <Input size="small" type="search" placeholder="Recipient address" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button size="small" variant="secondary" type="submit">
            Show
          </Button>
        </form>
      </div>
      {error && <Text className="px-6 py-4 text-ui-fg-error">{error}</Text>}
      {mails && mails.length === 0 && <Text className="px-6 py-4 text-ui-fg-subtle">No mail.</Text>}
      {mails && mails.length > 0 && (
        <Table>
          <TableHead columns={["Sent", "To", "Subject"]} />
          <Table.Body>
            {mails.map((m) => (
              <Table.Row key={m.id} className="cursor-pointer" onClick={() => setOpen(open === m.id ? null : m.id)}>
                <Table.Cell>{new Date(m.created_at).toLocaleString()}</Table.Cell>
                <Table.Cell>{m.to}</Table.Cell>
                <Table.Cell>
                  <div>{m.data?.subject ?? m.template}</div>
                  {open === m.id && (
                    <pre className="whitespace-pre-wrap py-2 font-sans text-ui-fg-subtle">{m.data?.text ?? ""}</pre>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {count > PAGE && (
        <div className="flex items-center justify-between px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {offset + 1}–{Math.min(offset + PAGE, count)} of {count}
          </Text>
          <div className="flex gap-2">
            <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </Button>
            <Button size="small" variant="secondary" disabled={offset + PAGE >= count} onClick={() => setOffset(offset + PAGE)}>
              Next
            </Button>
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Mail",
  icon: Envelope,
})

export default MailPage
