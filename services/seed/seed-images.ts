// Illustrations for the demo newsroom, drawn as SVG from a seeded generator so that every article
// gets a picture of its own without anything being downloaded. Same seed, same picture.

import { seededRandom } from '@/lib/random'

export type SeedImage = { section: string; svg: string; alt: string }

const W = 1600
const H = 900

// Hex rather than hsl(): not every SVG renderer sharp may be built with reads CSS colour functions.
function hsl(h: number, s: number, l: number) {
  const hue = ((h % 360) + 360) % 360
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100)
  const f = (n: number) => {
    const k = (n + hue / 30) % 12
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}

type Palette = { skyTop: string; skyLow: string; far: string; mid: string; near: string; accent: string; glow: string }
type Scene = {
  r: (min: number, max: number) => number
  rand: () => number
  p: Palette
  horizon: number
  night: boolean
}
type Motif = { draw: (s: Scene) => string[]; alt: string }

const moods = [
  { name: 'dawn', sky: [38, 70], skyL: [62, 82], night: false },
  { name: 'day', sky: [200, 60], skyL: [58, 86], night: false },
  { name: 'dusk', sky: [330, 55], skyL: [30, 66], night: false },
  { name: 'night', sky: [230, 45], skyL: [10, 26], night: true },
  { name: 'overcast', sky: [210, 12], skyL: [55, 78], night: false },
] as const

function palette(rand: () => number): { p: Palette; night: boolean; mood: string } {
  const mood = moods[Math.floor(rand() * moods.length)]!
  const drift = (rand() - 0.5) * 50
  const base = rand() * 360
  const scheme = [0, 30, 150, 180, 210][Math.floor(rand() * 5)]!
  const dark = mood.night ? 0.5 : 1
  return {
    mood: mood.name,
    night: mood.night,
    p: {
      skyTop: hsl(mood.sky[0] + drift, mood.sky[1], mood.skyL[0]),
      skyLow: hsl(mood.sky[0] + drift + 25, mood.sky[1] + 10, mood.skyL[1]),
      far: hsl(base, 25 + rand() * 25, (55 + rand() * 15) * dark),
      mid: hsl(base + scheme / 2, 35 + rand() * 30, (38 + rand() * 12) * dark),
      near: hsl(base + scheme, 30 + rand() * 30, (18 + rand() * 12) * dark),
      accent: hsl(base + scheme + 180, 75 + rand() * 20, 55 + rand() * 10),
      glow: mood.night ? '#f8fafc' : hsl(45 + rand() * 20, 95, 85),
    },
  }
}

function ridge(s: Scene, top: number, amp: number, fill: string, steps = 6) {
  let d = `M0 ${H} L0 ${top + s.r(-amp, amp)}`
  for (let i = 1; i <= steps; i++) {
    const x = (W / steps) * i
    d += ` Q${x - W / steps / 2} ${top + s.r(-amp * 2, amp)} ${x} ${top + s.r(-amp, amp)}`
  }
  return `<path d="${d} L${W} ${H} Z" fill="${fill}"/>`
}

function buildings(s: Scene, base: number, minH: number, maxH: number, fill: string, lit: boolean) {
  const out: string[] = []
  for (let x = s.r(-60, 0); x < W;) {
    const w = s.r(60, 170)
    const h = s.r(minH, maxH)
    out.push(`<rect x="${x}" y="${base - h}" width="${w}" height="${h + 4}" fill="${fill}"/>`)
    if (s.rand() < 0.25)
      out.push(
        `<rect x="${x + w / 2 - 3}" y="${base - h - s.r(30, 80)}" width="6" height="${s.r(30, 80)}" fill="${fill}"/>`,
      )
    if (lit)
      for (let wy = base - h + 24; wy < base - 20; wy += s.r(34, 48))
        for (let wx = x + 12; wx < x + w - 20; wx += 26)
          if (s.rand() < 0.55)
            out.push(`<rect x="${wx}" y="${wy}" width="12" height="16" fill="${s.p.glow}" opacity="0.7"/>`)
    x += w + s.r(0, 30)
  }
  return out
}

function waves(s: Scene, top: number, colour: string) {
  const out = [`<rect x="0" y="${top}" width="${W}" height="${H - top}" fill="${colour}"/>`]
  for (let y = top + 20; y < H; y += s.r(28, 50)) {
    const len = s.r(50, 120)
    let d = `M${s.r(-100, 0)} ${y}`
    for (let x = 0; x < W + len; x += len) d += ` q${len / 4} -${len / 8} ${len / 2} 0 t${len / 2} 0`
    out.push(
      `<path d="${d}" fill="none" stroke="${s.p.glow}" stroke-width="${s.r(2, 5)}" opacity="${(0.15 + s.rand() * 0.3).toFixed(2)}"/>`,
    )
  }
  return out
}

function person(x: number, base: number, scale: number, fill: string) {
  const head = 46 * scale
  return `<circle cx="${x}" cy="${base - 230 * scale}" r="${head}" fill="${fill}"/><path d="M${x - 110 * scale} ${base} Q${x - 105 * scale} ${base - 160 * scale} ${x} ${base - 165 * scale} Q${x + 105 * scale} ${base - 160 * scale} ${x + 110 * scale} ${base} Z" fill="${fill}"/>`
}

const motifs: Record<string, Motif> = {
  skyline: {
    alt: 'city skyline',
    draw: (s) => [
      ...buildings(s, s.horizon + 40, 120, 320, s.p.far, false),
      ...buildings(s, H, 200, 520, s.p.near, s.night || s.rand() < 0.4),
    ],
  },
  hills: {
    alt: 'rolling hills',
    draw: (s) => {
      const out = [
        ridge(s, s.horizon - 120, 60, s.p.far),
        ridge(s, s.horizon, 45, s.p.mid),
        ridge(s, s.horizon + 150, 35, s.p.near),
      ]
      for (let i = s.r(0, 14); i > 0; i--) {
        const x = s.r(0, W)
        const y = s.r(s.horizon + 170, H - 20)
        const t = s.r(40, 110)
        out.push(`<path d="M${x} ${y - t} L${x - t / 3} ${y} L${x + t / 3} ${y} Z" fill="${s.p.near}" opacity="0.9"/>`)
      }
      return out
    },
  },
  sea: {
    alt: 'boats on open water',
    draw: (s) => {
      const out = [ridge(s, s.horizon - 30, 25, s.p.far, 4), ...waves(s, s.horizon, s.p.mid)]
      for (let i = s.r(1, 4); i > 0; i--) {
        const x = s.r(100, W - 300)
        const y = s.r(s.horizon + 60, H - 60)
        const k = 0.5 + (y - s.horizon) / 500
        out.push(
          `<path d="M${x} ${y} l${200 * k} 0 l${-30 * k} ${40 * k} l${-140 * k} 0 Z" fill="${s.p.near}"/><path d="M${x + 90 * k} ${y - 4} l0 ${-150 * k} l${80 * k} ${140 * k} Z" fill="${s.p.glow}" opacity="0.85"/>`,
        )
      }
      return out
    },
  },
  bridge: {
    alt: 'a bridge over a river',
    draw: (s) => {
      const deck = s.horizon + s.r(-40, 40)
      const spans = s.r(3, 6)
      const span = W / spans
      const out = [ridge(s, s.horizon - 80, 50, s.p.far), ...waves(s, deck + 60, s.p.mid)]
      let d = `M0 ${deck}`
      for (let i = 0; i < spans; i++) d += ` Q${i * span + span / 2} ${deck - s.r(60, 160)} ${(i + 1) * span} ${deck}`
      out.push(`<path d="${d}" fill="none" stroke="${s.p.near}" stroke-width="16"/>`)
      out.push(`<rect x="0" y="${deck}" width="${W}" height="24" fill="${s.p.near}"/>`)
      for (let i = 0; i <= spans; i++)
        out.push(`<rect x="${i * span - 14}" y="${deck}" width="28" height="${H - deck}" fill="${s.p.near}"/>`)
      return out
    },
  },
  chart: {
    alt: 'a bar chart with a trend line',
    draw: (s) => {
      const out: string[] = []
      for (let y = 160; y < H; y += 120)
        out.push(`<rect x="0" y="${y}" width="${W}" height="2" fill="${s.p.glow}" opacity="0.25"/>`)
      const bars = s.r(6, 14)
      const bw = (W - 200) / bars
      let level = s.r(300, 600)
      const points: string[] = []
      for (let i = 0; i < bars; i++) {
        level = Math.max(150, Math.min(H - 80, level + s.r(-120, 100)))
        out.push(
          `<rect x="${100 + i * bw + bw * 0.15}" y="${level}" width="${bw * 0.7}" height="${H - level}" fill="${i % 3 ? s.p.mid : s.p.near}" opacity="0.85"/>`,
        )
        points.push(`${100 + i * bw + bw / 2},${level - s.r(20, 90)}`)
      }
      out.push(
        `<polyline points="${points.join(' ')}" fill="none" stroke="${s.p.accent}" stroke-width="12" stroke-linejoin="round" stroke-linecap="round"/>`,
      )
      return out
    },
  },
  fields: {
    alt: 'rows of crops running to the horizon',
    draw: (s) => {
      const out = [
        ridge(s, s.horizon - 40, 30, s.p.far, 5),
        `<rect x="0" y="${s.horizon}" width="${W}" height="${H - s.horizon}" fill="${s.p.mid}"/>`,
      ]
      const vanish = s.r(300, 1300)
      for (let i = -12; i <= 24; i++)
        out.push(
          `<path d="M${vanish} ${s.horizon} L${i * 90} ${H} L${i * 90 + 40} ${H} Z" fill="${s.p.near}" opacity="0.5"/>`,
        )
      return out
    },
  },
  portraits: {
    alt: 'silhouettes of people',
    draw: (s) => {
      const out: string[] = []
      const n = s.r(1, 5)
      for (let i = 0; i < n; i++) {
        const scale = n === 1 ? 1.9 : s.r(90, 150) / 100
        out.push(person((W / (n + 1)) * (i + 1) + s.r(-60, 60), H + 10, scale, i % 2 ? s.p.mid : s.p.near))
      }
      return out
    },
  },
  stadium: {
    alt: 'a stadium under floodlights',
    draw: (s) => {
      const cy = s.r(650, 760)
      const out = [
        `<rect x="0" y="${cy - 240}" width="${W}" height="${H}" fill="${s.p.near}"/>`,
        `<ellipse cx="800" cy="${cy + 40}" rx="${s.r(700, 820)}" ry="${s.r(160, 220)}" fill="${s.p.mid}"/>`,
        `<ellipse cx="800" cy="${cy + 40}" rx="${s.r(380, 520)}" ry="${s.r(80, 120)}" fill="none" stroke="${s.p.glow}" stroke-width="6" opacity="0.7"/>`,
      ]
      for (let i = 0; i < 40; i++)
        out.push(
          `<circle cx="${s.r(0, W)}" cy="${s.r(cy - 230, cy - 130)}" r="${s.r(4, 9)}" fill="${s.p.accent}" opacity="0.6"/>`,
        )
      for (const x of [s.r(80, 300), s.r(1300, 1520)]) {
        out.push(
          `<rect x="${x}" y="${cy - 560}" width="16" height="340" fill="${s.p.near}"/><rect x="${x - 50}" y="${cy - 600}" width="116" height="50" fill="${s.p.glow}"/>`,
        )
      }
      return out
    },
  },
  track: {
    alt: 'running lanes on an athletics track',
    draw: (s) => {
      const out = [`<rect x="0" y="${s.horizon}" width="${W}" height="${H}" fill="${s.p.mid}"/>`]
      const lanes = s.r(5, 8)
      for (let i = 0; i <= lanes; i++)
        out.push(
          `<path d="M${-200} ${s.horizon + 40 + i * 30} Q800 ${s.horizon + s.r(60, 200) + i * 40} ${W + 200} ${s.horizon + 40 + i * 55}" fill="none" stroke="${s.p.glow}" stroke-width="5"/>`,
        )
      out.push(person(s.r(300, 1300), H - 40, s.r(70, 110) / 100, s.p.near))
      return out
    },
  },
  globe: {
    alt: 'a globe with lines of latitude and longitude',
    draw: (s) => {
      const cx = s.r(450, 1150)
      const cy = s.r(380, 520)
      const R = s.r(220, 330)
      const tilt = s.r(-25, 25)
      const out = [
        `<g transform="rotate(${tilt} ${cx} ${cy})"><circle cx="${cx}" cy="${cy}" r="${R}" fill="${s.p.mid}" stroke="${s.p.glow}" stroke-width="6"/>`,
      ]
      for (let i = 1; i <= 3; i++)
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${(R * i) / 4}" ry="${R}" fill="none" stroke="${s.p.glow}" stroke-width="3" opacity="0.7"/>`,
        )
      for (let i = -2; i <= 2; i++) {
        const y = cy + (i * R) / 3
        const half = Math.sqrt(Math.max(0, R ** 2 - (y - cy) ** 2))
        out.push(
          `<line x1="${cx - half}" y1="${y}" x2="${cx + half}" y2="${y}" stroke="${s.p.glow}" stroke-width="3" opacity="0.7"/>`,
        )
      }
      for (let i = s.r(3, 6); i > 0; i--)
        out.push(
          `<ellipse cx="${cx + s.r(-R / 2, R / 2)}" cy="${cy + s.r(-R / 2, R / 2)}" rx="${s.r(40, 110)}" ry="${s.r(30, 80)}" fill="${s.p.near}" opacity="0.75"/>`,
        )
      out.push('</g>')
      return out
    },
  },
  molecules: {
    alt: 'a network of molecules',
    draw: (s) => {
      const nodes = Array.from({ length: s.r(7, 14) }, () => [s.r(120, W - 120), s.r(120, H - 120)] as const)
      const out: string[] = []
      nodes.forEach(([x, y], i) => {
        const [nx, ny] = nodes[(i + 1 + s.r(0, 2)) % nodes.length]!
        out.push(
          `<line x1="${x}" y1="${y}" x2="${nx}" y2="${ny}" stroke="${s.p.glow}" stroke-width="8" opacity="0.6"/>`,
        )
      })
      for (const [x, y] of nodes)
        out.push(`<circle cx="${x}" cy="${y}" r="${s.r(26, 70)}" fill="${s.rand() < 0.5 ? s.p.accent : s.p.mid}"/>`)
      return out
    },
  },
  atom: {
    alt: 'an atom with orbiting rings',
    draw: (s) => {
      const cx = s.r(500, 1100)
      const cy = s.r(350, 550)
      const out = [`<circle cx="${cx}" cy="${cy}" r="${s.r(50, 90)}" fill="${s.p.accent}"/>`]
      const rings = s.r(2, 4)
      const turn = s.r(0, 60)
      for (let i = 0; i < rings; i++)
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${s.r(280, 380)}" ry="${s.r(80, 130)}" fill="none" stroke="${s.p.glow}" stroke-width="9" transform="rotate(${turn + (i * 180) / rings} ${cx} ${cy})"/>`,
        )
      return out
    },
  },
  stars: {
    alt: 'a night sky over an observatory',
    draw: (s) => {
      const out = [ridge(s, s.horizon + 80, 50, s.p.near)]
      const x = s.r(300, 1300)
      out.push(
        `<path d="M${x - 90} ${s.horizon + 90} a90 90 0 0 1 180 0 Z" fill="${s.p.mid}"/><rect x="${x - 90}" y="${s.horizon + 88}" width="180" height="90" fill="${s.p.mid}"/>`,
      )
      return out
    },
  },
  stage: {
    alt: 'a stage with curtains and spotlights',
    draw: (s) => {
      const curtain = s.r(160, 320)
      const out = [
        `<rect x="0" y="0" width="${W}" height="${s.r(70, 130)}" fill="${s.p.near}"/>`,
        `<rect x="0" y="0" width="${curtain}" height="${H}" fill="${s.p.near}"/><rect x="${W - curtain}" y="0" width="${curtain}" height="${H}" fill="${s.p.near}"/>`,
      ]
      for (let i = s.r(2, 5); i > 0; i--) {
        const x = s.r(curtain + 100, W - curtain - 100)
        out.push(
          `<polygon points="${s.r(0, W)},0 ${x - s.r(80, 180)},${H - 120} ${x + s.r(80, 180)},${H - 120}" fill="${s.p.glow}" opacity="0.16"/>`,
        )
      }
      out.push(`<rect x="0" y="${H - 130}" width="${W}" height="130" fill="${s.p.mid}"/>`)
      for (let i = s.r(0, 3); i > 0; i--)
        out.push(person(s.r(curtain + 150, W - curtain - 150), H - 120, s.r(60, 90) / 100, s.p.near))
      return out
    },
  },
  leaves: {
    alt: 'a scatter of leaves',
    draw: (s) => {
      const out: string[] = []
      for (let i = s.r(8, 18); i > 0; i--) {
        const x = s.r(60, W - 60)
        const y = s.r(120, H - 40)
        const l = s.r(70, 170)
        out.push(
          `<path d="M${x} ${y} q${l / 2} ${-l / 2} ${l} 0 q${-l / 2} ${l / 2} ${-l} 0 Z" fill="${s.rand() < 0.6 ? s.p.mid : s.p.accent}" transform="rotate(${s.r(0, 360)} ${x} ${y})"/>`,
        )
      }
      return out
    },
  },
  table: {
    alt: 'a meal laid out on a table',
    draw: (s) => {
      const out = [`<rect x="0" y="${s.horizon - 40}" width="${W}" height="${H}" fill="${s.p.near}"/>`]
      for (let i = s.r(1, 4); i > 0; i--) {
        const cx = s.r(250, 1350)
        const cy = s.r(s.horizon + 120, H - 100)
        const rx = s.r(140, 260)
        out.push(
          `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${rx * 0.45}" fill="${s.p.glow}"/><ellipse cx="${cx}" cy="${cy}" rx="${rx * 0.65}" ry="${rx * 0.28}" fill="${s.p.accent}"/>`,
        )
      }
      return out
    },
  },
  shapes: {
    alt: 'an abstract composition of shapes',
    draw: (s) => {
      const out: string[] = []
      const colours = [s.p.far, s.p.mid, s.p.near, s.p.accent, s.p.glow]
      for (let i = s.r(6, 14); i > 0; i--) {
        const c = colours[s.r(0, 4)]!
        const x = s.r(0, W)
        const y = s.r(0, H)
        const k = s.r(60, 340)
        const kind = s.r(0, 2)
        const opacity = (0.45 + s.rand() * 0.5).toFixed(2)
        if (kind === 0) out.push(`<circle cx="${x}" cy="${y}" r="${k}" fill="${c}" opacity="${opacity}"/>`)
        else if (kind === 1)
          out.push(
            `<rect x="${x - k}" y="${y - k / 2}" width="${k * 2}" height="${k}" fill="${c}" opacity="${opacity}" transform="rotate(${s.r(-45, 45)} ${x} ${y})"/>`,
          )
        else
          out.push(
            `<polygon points="${x},${y - k} ${x + k},${y + k} ${x - k},${y + k}" fill="${c}" opacity="${opacity}"/>`,
          )
      }
      return out
    },
  },
}

const sectionMotifs: Record<string, (keyof typeof motifs)[]> = {
  'breaking-news': ['skyline', 'sea', 'hills', 'bridge', 'portraits'],
  world: ['globe', 'sea', 'skyline', 'shapes', 'bridge'],
  nation: ['skyline', 'bridge', 'portraits', 'hills', 'fields'],
  sports: ['stadium', 'track', 'portraits', 'shapes'],
  business: ['chart', 'skyline', 'fields', 'sea', 'shapes'],
  science: ['atom', 'molecules', 'stars', 'hills', 'chart'],
  entertainment: ['stage', 'portraits', 'shapes', 'stars'],
  lifestyle: ['leaves', 'table', 'hills', 'sea', 'shapes', 'fields'],
}

/** A 1600×900 illustration for one article: its motif comes from the section, everything else from the seed. */
export function seedImageSvg(seed: number, section: string): SeedImage {
  const rand = seededRandom(seed * 7919 + 17)
  const r = (min: number, max: number) => Math.round(min + rand() * (max - min))
  const pool = sectionMotifs[section] ?? Object.keys(motifs)
  const name = pool[Math.floor(rand() * pool.length)]!
  const motif = motifs[name]!
  const { p, night, mood } = palette(rand)
  const scene: Scene = { r, rand, p, horizon: r(430, 640), night: night || name === 'stars' }
  const sky: string[] = []
  if (scene.night)
    for (let i = r(40, 120); i > 0; i--)
      sky.push(
        `<circle cx="${r(0, W)}" cy="${r(0, scene.horizon)}" r="${(0.8 + rand() * 2.4).toFixed(1)}" fill="#fff" opacity="${(0.4 + rand() * 0.6).toFixed(2)}"/>`,
      )
  if (rand() < 0.7)
    sky.push(
      `<circle cx="${r(120, W - 120)}" cy="${r(90, scene.horizon - 160)}" r="${r(40, 130)}" fill="${p.glow}" opacity="${(0.6 + rand() * 0.35).toFixed(2)}"/>`,
    )
  const rain = !scene.night && mood === 'overcast' && rand() < 0.6
  const overlay: string[] = []
  if (rain)
    for (let i = r(60, 140); i > 0; i--) {
      const x = r(0, W + 200)
      const y = r(0, H)
      overlay.push(
        `<line x1="${x}" y1="${y}" x2="${x - 24}" y2="${y + 60}" stroke="#e2e8f0" stroke-width="3" opacity="0.45"/>`,
      )
    }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="${r(0, 40) / 100}" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyLow}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#sky)"/>
${sky.join('\n')}
${motif.draw(scene).join('\n')}
${overlay.join('\n')}
</svg>`
  const when = scene.night
    ? 'at night'
    : mood === 'dawn'
      ? 'at dawn'
      : mood === 'dusk'
        ? 'at dusk'
        : rain
          ? 'in the rain'
          : ''
  return { section, svg, alt: `An illustration of ${motif.alt}${when ? ` ${when}` : ''}` }
}
