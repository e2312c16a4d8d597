import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Checkbox, Container, Heading, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { useEffect, useState, type ReactNode } from "react"

const PLATFORMS = ["windows", "macos", "linux", "steamdeck", "cloud"] as const
const AGE_RATINGS = [0, 3, 7, 12, 15, 16, 18] as const
type Platform = (typeof PLATFORMS)[number]

type Game = {
  id: string; product_id: string; variant_id: string; title: string; handle: string; published: boolean
  genres: string[]; tags: string[]; platforms: string[]; service_countries: string[]
  developer: string; publisher: string; release_at: string; age_rating: number
  download_asset: string | null; preorder_enabled: boolean
  title_ko: string | null; title_ja: string | null
  prices: { currency_code: string; amount: number }[]
}

type FormState = {
  genres: string; tags: string; service_countries: string; platforms: Platform[]; age_rating: number
  release_at: string; developer: string; publisher: string; download_asset: string; preorder_enabled: boolean
  title_ko: string; title_ja: string
}

const toForm = (game: Game | null): FormState => ({
  genres: game?.genres.join(", ") ?? "",
  tags: game?.tags.join(", ") ?? "",
  service_countries: game?.service_countries.join(", ") ?? "",
  platforms: (game?.platforms ?? []).filter((p): p is Platform => (PLATFORMS as readonly string[]).includes(p)),
  age_rating: game?.age_rating ?? 0,
  release_at: game?.release_at ? game.release_at.slice(0, 10) : "",
  developer: game?.developer ?? "",
  publisher: game?.publisher ?? "",
  download_asset: game?.download_asset ?? "",
  preorder_enabled: game?.preorder_enabled ?? false,
  title_ko: game?.title_ko ?? "",
  title_ja: game?.title_ja ?? "",
})

const splitList = (value: string, transform: (s: string) => string) =>
  value.split(",").map((s) => transform(s.trim())).filter(Boolean)

const toBody = (form: FormState) => ({
  genres: splitList(form.genres, (s) => s.toLowerCase()),
  tags: splitList(form.tags, (s) => s.toLowerCase()),
  developer: form.developer.trim(),
  publisher: form.publisher.trim(),
  release_at: form.release_at,
  platforms: form.platforms,
  age_rating: form.age_rating,
  service_countries: splitList(form.service_countries, (s) => s.toUpperCase()),
  download_asset: form.download_asset.trim() || null,
  preorder_enabled: form.preorder_enabled,
  // Empty clears it: search then finds the game by its product title only.
  title_ko: form.title_ko.trim() || null,
  title_ja: form.title_ja.trim() || null,
})

const formatPrice = (currency: string, amount: number) => {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="grid grid-cols-[160px_1fr] items-start gap-3 px-6 py-3">
    <Text size="small" weight="plus" className="text-ui-fg-subtle">
      {label}
    </Text>
    <div className="flex flex-wrap gap-1">{children}</div>
  </div>
)

const Badges = ({ items }: { items: string[] }) =>
  items.length ? <>{items.map((item) => <Badge key={item} size="2xsmall">{item}</Badge>)}</> : <Text size="small">-</Text>

const Field = ({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) => (
  <div className="flex flex-col gap-1">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {hint && <Text size="xsmall" className="text-ui-fg-muted">{hint}</Text>}
  </div>
)

const GameDetailsWidget = ({ data }: DetailWidgetProps<AdminProduct>) => {
  const url = `/admin/products/${data.id}/game`
  const [game, setGame] = useState<Game | null>(null)
  const [loading, setLoading] = useState(true)
  const [editing, setEditing] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [form, setForm] = useState<FormState>(toForm(null))

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    fetch(url, { credentials: "include" })
      .then(async (res) => {
        const body = await res.json().catch(() => ({}))
        if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
        if (!cancelled) setGame(body.game ?? null)
      })
      .catch((e: Error) => !cancelled && setError(e.message))
      .finally(() => !cancelled && setLoading(false))
    return () => {
      cancelled = true
    }
  }, [url])

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }))

  const startEdit = () => {
    setForm(toForm(game))
    setError(null)
    setEditing(true)
  }

  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      const res = await fetch(url, {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(toBody(form)),
      })
      const body = await res.json().catch(() => ({}))
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`)
      setGame(body.game)
      setEditing(false)
      toast.success("Game details saved")
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  const togglePlatform = (platform: Platform, on: boolean) =>
    set("platforms", on ? [...form.platforms, platform] : form.platforms.filter((p) => p !== platform))

  const header = (
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h2">Game details</Heading>
      {!editing && !loading && game && (
        <Button size="small" variant="secondary" onClick={startEdit}>
          Edit
        </Button>
      )}
    </div>
  )
  const errorBox = error && (
    <div className="px-6 py-3">
      <Text size="small" className="text-ui-fg-error">{error}</Text>
    </div>
  )

  if (loading) {
    return (
      <Container className="divide-y p-0">
        {header}
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">Loading…</Text>
      </Container>
    )
  }

  if (editing) {
    const text = (key: "genres" | "tags" | "service_countries" | "developer" | "publisher" | "download_asset" | "title_ko" | "title_ja") => (
      <Input id={`game-${key}`} size="small" value={form[key]} onChange={(e) => set(key, e.target.value)} />
    )
    return (
      <Container className="divide-y p-0">
        {header}
        <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
          <Field id="game-genres" label="Genres" hint="Comma separated slugs, e.g. rpg, open-world">{text("genres")}</Field>
          <Field id="game-tags" label="Tags" hint="Comma separated">{text("tags")}</Field>
          <Field id="game-title_ko" label="Korean title" hint="Optional; search finds the game by it">{text("title_ko")}</Field>
          <Field id="game-title_ja" label="Japanese title" hint="Optional; search finds the game by it">{text("title_ja")}</Field>
          <Field id="game-developer" label="Developer">{text("developer")}</Field>
          <Field id="game-publisher" label="Publisher">{text("publisher")}</Field>
          <Field id="game-release_at" label="Release date">
            <Input id="game-release_at" type="date" size="small" value={form.release_at} onChange={(e) => set("release_at", e.target.value)} />
          </Field>
          <Field id="game-age_rating" label="Age rating">
            <Select size="small" value={String(form.age_rating)} onValueChange={(v) => set("age_rating", Number(v))}>
              <Select.Trigger id="game-age_rating">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {AGE_RATINGS.map((r) => (
                  <Select.Item key={r} value={String(r)}>{`${r}+`}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
          <Field id="game-service_countries" label="Service countries" hint="Comma separated ISO codes, e.g. US, DE, JP">
            {text("service_countries")}
          </Field>
          <Field id="game-download_asset" label="Download asset" hint="Optional">{text("download_asset")}</Field>
          <Field id="game-platforms" label="Platforms">
            <div className="flex flex-wrap gap-4">
              {PLATFORMS.map((p) => (
                <div key={p} className="flex items-center gap-2">
                  <Checkbox id={`platform-${p}`} checked={form.platforms.includes(p)} onCheckedChange={(c) => togglePlatform(p, c === true)} />
                  <Label htmlFor={`platform-${p}`} size="small">{p}</Label>
                </div>
              ))}
            </div>
          </Field>
          <div className="flex items-center gap-2">
            <Switch id="game-preorder" checked={form.preorder_enabled} onCheckedChange={(c) => set("preorder_enabled", c)} />
            <Label htmlFor="game-preorder" size="small" weight="plus">Pre-order enabled</Label>
          </div>
        </div>
        {errorBox}
        <div className="flex justify-end gap-2 px-6 py-4">
          <Button size="small" variant="secondary" disabled={saving} onClick={() => { setEditing(false); setError(null) }}>
            Cancel
          </Button>
          <Button size="small" isLoading={saving} onClick={save}>
            Save
          </Button>
        </div>
      </Container>
    )
  }

  if (!game) {
    return (
      <Container className="divide-y p-0">
        {header}
        <div className="flex items-center justify-between px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">This product is not a game yet</Text>
          <Button size="small" variant="secondary" onClick={startEdit}>Make it a game</Button>
        </div>
        {errorBox}
      </Container>
    )
  }

  const release = new Date(game.release_at)
  const preorderOpen = game.preorder_enabled && release.getTime() > Date.now()
  return (
    <Container className="divide-y p-0">
      {header}
      <Row label="Release date">
        <Text size="small">{release.toLocaleDateString()}</Text>
        {preorderOpen && <Badge size="2xsmall" color="orange">Pre-order open</Badge>}
      </Row>
      <Row label="Genres"><Badges items={game.genres} /></Row>
      <Row label="Tags"><Badges items={game.tags} /></Row>
      <Row label="Platforms"><Badges items={game.platforms} /></Row>
      <Row label="Service countries"><Badges items={game.service_countries} /></Row>
      <Row label="Developer"><Text size="small">{game.developer}</Text></Row>
      <Row label="Publisher"><Text size="small">{game.publisher}</Text></Row>
      <Row label="Age rating"><Text size="small">{`${game.age_rating}+`}</Text></Row>
      <Row label="Download asset"><Text size="small">{game.download_asset || "-"}</Text></Row>
      <Row label="Base prices">
        {game.prices.length ? (
          game.prices.map((p) => (
            <Badge key={p.currency_code} size="2xsmall" color="green">{formatPrice(p.currency_code, p.amount)}</Badge>
          ))
        ) : (
          <Text size="small">-</Text>
        )}
      </Row>
      {errorBox}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default GameDetailsWidget
