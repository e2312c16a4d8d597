import { Button, DropdownMenu, Input, Label, Select } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { GIFT_STATES, type GiftFilters, getJson, NO_FILTERS } from "../lib/gifts"

type Game = { id: string; title: string }
const ALL_GAMES = "all"

/** The report's filters, applied together on "Apply" so each keystroke does not query the report. */
export const GiftFilterBar = ({ onApply }: { onApply: (f: GiftFilters) => void }) => {
  const [draft, setDraft] = useState<GiftFilters>(NO_FILTERS)
  const [games, setGames] = useState<Game[]>([])
  const set = (patch: Partial<GiftFilters>) => setDraft((d) => ({ ...d, ...patch }))

  useEffect(() => {
    getJson<{ games: Game[] }>("/admin/games?limit=200").then((b) => setGames(b.games), () => setGames([]))
  }, [])

  const toggle = (state: (typeof GIFT_STATES)[number]) =>
    set({ states: draft.states.includes(state) ? draft.states.filter((s) => s !== state) : [...draft.states, state] })

  return (
    <form
      className="flex flex-wrap items-end gap-3 px-6 py-4"
      onSubmit={(e) => {
        e.preventDefault()
        onApply(draft)
      }}
    >
      <div className="flex flex-col gap-1">
        <Label size="xsmall">State</Label>
        <DropdownMenu>
          <DropdownMenu.Trigger asChild>
            <Button type="button" size="small" variant="secondary">
              {draft.states.length ? draft.states.join(", ") : "All states"}
            </Button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Content>
            {GIFT_STATES.map((s) => (
              <DropdownMenu.CheckboxItem key={s} checked={draft.states.includes(s)} onSelect={(e) => e.preventDefault()} onCheckedChange={() => toggle(s)}>
                {s}
              </DropdownMenu.CheckboxItem>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu>
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall" htmlFor="gift-from">Bought from</Label>
        <Input id="gift-from" size="small" type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall" htmlFor="gift-to">Bought until (incl.)</Label>
        <Input id="gift-to" size="small" type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall" htmlFor="gift-country">Country (sender or recipient)</Label>
        <Input id="gift-country" size="small" maxLength={2} placeholder="US" value={draft.country} onChange={(e) => set({ country: e.target.value })} />
      </div>
      <div className="flex flex-col gap-1">
        <Label size="xsmall">Game</Label>
        <Select size="small" value={draft.game_id || ALL_GAMES} onValueChange={(v) => set({ game_id: v === ALL_GAMES ? "" : v })}>
          <Select.Trigger>
            <Select.Value placeholder="All games" />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value={ALL_GAMES}>All games</Select.Item>
            {games.map((g) => (
              <Select.Item key={g.id} value={g.id}>{g.title}</Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <Button size="small" type="submit">Apply</Button>
      <Button
        size="small"
        type="button"
        variant="transparent"
        onClick={() => {
          setDraft(NO_FILTERS)
          onApply(NO_FILTERS)
        }}
      >
        Clear
      </Button>
    </form>
  )
}
