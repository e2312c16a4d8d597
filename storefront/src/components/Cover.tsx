import { coverArt } from "@/lib/cover"

type Props = {
  title: string
  /** an image URL from the backend, when the game has one */
  image?: string | null
  variant?: "portrait" | "wide"
  /** unique per page when the same game can appear twice (SVG ids) */
  idPrefix?: string
  className?: string
  /** decorative when the title is printed next to it */
  decorative?: boolean
  priority?: boolean
  /** print the title on the art (off where the title is printed right next to it) */
  label?: boolean
}

/** A game's cover: its image, else generated art (gradient + pattern + initials + title). */
export function Cover({ title, image, variant = "portrait", idPrefix = "c", className, decorative = true, priority, label = true }: Props) {
  const w = variant === "wide" ? 640 : 300
  const h = variant === "wide" ? 360 : 400
  if (image) {
    return (
      // Plain <img>: backend URLs are arbitrary hosts and no image optimizer is installed.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        className={className}
        src={image}
        alt={decorative ? "" : title}
        width={w}
        height={h}
        loading={priority ? "eager" : "lazy"}
        decoding="async"
        style={{ objectFit: "cover", aspectRatio: `${w} / ${h}` }}
      />
    )
  }
  const art = coverArt(title)
  const id = `${idPrefix}-${art.hash.toString(36)}-${variant}`
  const max = variant === "wide" ? 40 : 20
  const short = title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title
  return (
    <svg
      className={className}
      viewBox={`0 0 ${w} ${h}`}
      width={w}
      height={h}
      role={decorative ? undefined : "img"}
      aria-hidden={decorative ? true : undefined}
      aria-label={decorative ? undefined : title}
      preserveAspectRatio="xMidYMid slice"
    >
      <defs>
        <linearGradient id={`${id}-g`} gradientTransform={`rotate(${art.angle} .5 .5)`}>
          <stop offset="0" stopColor={art.from} />
          <stop offset="1" stopColor={art.to} />
        </linearGradient>
        <radialGradient id={`${id}-r`} cx=".8" cy=".15" r=".8">
          <stop offset="0" stopColor={art.accent} stopOpacity=".45" />
          <stop offset="1" stopColor={art.accent} stopOpacity="0" />
        </radialGradient>
      </defs>
      <rect width={w} height={h} fill={`url(#${id}-g)`} />
      <rect width={w} height={h} fill={`url(#${id}-r)`} />
      <Pattern kind={art.pattern} w={w} h={h} seed={art.hash} color={art.accent} />
      <text
        x={w / 2}
        y={h * (variant === "wide" ? 0.56 : 0.5)}
        textAnchor="middle"
        fontFamily="system-ui, sans-serif"
        fontWeight="800"
        fontSize={variant === "wide" ? 150 : 120}
        fill="#fff"
        fillOpacity=".92"
        letterSpacing="-4"
      >
        {art.initials}
      </text>
      {label && <rect y={h - 64} width={w} height="64" fill="#000" fillOpacity=".35" />}
      {label && (
      <text
        x="18"
        y={h - 25}
        fontFamily="system-ui, sans-serif"
        fontWeight="700"
        fontSize={variant === "wide" ? 26 : 21}
        fill="#fff"
      >
        {short}
      </text>
      )}
    </svg>
  )
}

function Pattern({ kind, w, h, seed, color }: { kind: string; w: number; h: number; seed: number; color: string }) {
  const n = (i: number) => ((seed >>> (i % 24)) ^ (i * 2654435761)) >>> 0
  if (kind === "rings") {
    return (
      <g fill="none" stroke={color} strokeOpacity=".25" strokeWidth="2">
        {[0, 1, 2, 3, 4].map((i) => (
          <circle key={i} cx={w * 0.75} cy={h * 0.3} r={40 + i * 45} />
        ))}
      </g>
    )
  }
  if (kind === "stripes") {
    return (
      <g stroke={color} strokeOpacity=".18" strokeWidth="14">
        {Array.from({ length: 12 }, (_, i) => (
          <line key={i} x1={i * 60 - h} y1={h} x2={i * 60} y2={0} />
        ))}
      </g>
    )
  }
  if (kind === "grid") {
    return (
      <g stroke={color} strokeOpacity=".16" strokeWidth="1.5">
        {Array.from({ length: Math.ceil(w / 30) }, (_, i) => (
          <line key={`v${i}`} x1={i * 30} y1={h * 0.55} x2={i * 30} y2={h} />
        ))}
        {Array.from({ length: 8 }, (_, i) => (
          <line key={`h${i}`} x1={0} y1={h * 0.55 + i * i * 4} x2={w} y2={h * 0.55 + i * i * 4} />
        ))}
      </g>
    )
  }
  return (
    <g fill={color} fillOpacity=".16">
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <circle key={i} cx={n(i) % w} cy={n(i + 7) % h} r={20 + (n(i + 3) % 70)} />
      ))}
    </g>
  )
}
