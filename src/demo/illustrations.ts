/**
 * @module
 * Illustrations of the demo site, drawn as SVG and rasterised with sharp at seed time:
 * abstract, calm pictures (skylines, maps, charts, a stage, a pitch…) in each section's
 * colours, and initials avatars for authors. Deterministic: the same motif, palette and seed
 * give the same bytes, so a repeated seed reuses the stored files.
 */
import { loadSharp } from '../media/sharp.js'

export const ILLUSTRATION_WIDTH = 1200
export const ILLUSTRATION_HEIGHT = 800

export type Motif =
  | 'skyline'
  | 'globe'
  | 'map'
  | 'chart'
  | 'stage'
  | 'books'
  | 'pitch'
  | 'mountains'
  | 'sea'
  | 'bus'
  | 'water'
  | 'blocks'

export interface Palette {
  /** Background gradient, top-left to bottom-right. */
  sky: readonly [string, string]
  /** The motif's main colour. */
  accent: string
  /** Shapes in the foreground. */
  dark: string
  /** Highlights: windows, lines, snow. */
  light: string
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const W = ILLUSTRATION_WIDTH
const H = ILLUSTRATION_HEIGHT
const r1 = (n: number) => Math.round(n * 10) / 10

type Rand = () => number
const between = (rand: Rand, min: number, max: number) => min + (max - min) * rand()

function background(p: Palette, rand: Rand): string {
  const bubbles = Array.from({ length: 7 }, () => {
    const r = between(rand, 60, 220)
    return `<circle cx="${r1(between(rand, 0, W))}" cy="${r1(between(rand, 0, H * 0.7))}" r="${r1(r)}" fill="${p.light}" opacity="${r1(between(rand, 0.04, 0.12) * 100) / 100}"/>`
  }).join('')
  return `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>${bubbles}`
}

function skyline(p: Palette, rand: Rand): string {
  let out = `<circle cx="${r1(between(rand, 150, 1050))}" cy="${r1(between(rand, 140, 260))}" r="90" fill="${p.accent}" opacity="0.85"/>`
  for (const [layer, opacity, base] of [
    [0, 0.45, 560],
    [1, 1, 620],
  ] as const) {
    let x = -20
    while (x < W) {
      const w = between(rand, 60, 140)
      const h = between(rand, 140, layer === 0 ? 420 : 340)
      const top = base + 140 - h
      out += `<rect x="${r1(x)}" y="${r1(top)}" width="${r1(w)}" height="${r1(H - top)}" fill="${p.dark}" opacity="${opacity}"/>`
      if (layer === 1) {
        for (let wy = top + 20; wy < H - 30; wy += 34) {
          for (let wx = x + 14; wx < x + w - 20; wx += 26) {
            if (rand() < 0.45) out += `<rect x="${r1(wx)}" y="${r1(wy)}" width="12" height="18" fill="${p.light}" opacity="0.8"/>`
          }
        }
      }
      x += w + between(rand, 4, 18)
    }
  }
  return out + `<rect y="${H - 40}" width="${W}" height="40" fill="${p.dark}"/>`
}

function globe(p: Palette, rand: Rand): string {
  const cx = W / 2
  const cy = H / 2 + 20
  const R = 300
  let out = `<defs><radialGradient id="g" cx="0.35" cy="0.35" r="0.8"><stop offset="0" stop-color="${p.light}" stop-opacity="0.9"/><stop offset="1" stop-color="${p.accent}"/></radialGradient><clipPath id="c"><circle cx="${cx}" cy="${cy}" r="${R}"/></clipPath></defs>`
  out += `<circle cx="${cx}" cy="${cy}" r="${R}" fill="url(#g)"/>`
  out += `<g clip-path="url(#c)" fill="none" stroke="${p.dark}" stroke-opacity="0.35" stroke-width="3">`
  for (let i = 1; i < 6; i++) out += `<ellipse cx="${cx}" cy="${cy}" rx="${r1((R * i) / 6)}" ry="${R}"/>`
  for (let i = -4; i <= 4; i++) out += `<line x1="${cx - R}" y1="${r1(cy + (i * R) / 5)}" x2="${cx + R}" y2="${r1(cy + (i * R) / 5)}"/>`
  out += `</g><g clip-path="url(#c)" fill="${p.dark}" opacity="0.55">`
  for (let i = 0; i < 5; i++) {
    const bx = between(rand, cx - R, cx + R)
    const by = between(rand, cy - R, cy + R)
    out += `<ellipse cx="${r1(bx)}" cy="${r1(by)}" rx="${r1(between(rand, 50, 130))}" ry="${r1(between(rand, 30, 90))}" transform="rotate(${r1(between(rand, -40, 40))} ${r1(bx)} ${r1(by)})"/>`
  }
  out += '</g>'
  const points = Array.from({ length: 4 }, () => [between(rand, cx - R * 0.7, cx + R * 0.7), between(rand, cy - R * 0.7, cy + R * 0.7)] as const)
  for (let i = 0; i + 1 < points.length; i++) {
    const [x1, y1] = points[i]!
    const [x2, y2] = points[i + 1]!
    out += `<path d="M${r1(x1)} ${r1(y1)} Q ${r1((x1 + x2) / 2)} ${r1(Math.min(y1, y2) - 120)} ${r1(x2)} ${r1(y2)}" fill="none" stroke="${p.light}" stroke-width="4" stroke-dasharray="12 10"/>`
  }
  for (const [x, y] of points) out += `<circle cx="${r1(x)}" cy="${r1(y)}" r="10" fill="${p.light}" stroke="${p.dark}" stroke-width="3"/>`
  return out
}

function map(p: Palette, rand: Rand): string {
  let out = `<g stroke="${p.light}" stroke-opacity="0.25" stroke-width="2">`
  for (let x = 0; x <= W; x += 100) out += `<line x1="${x}" y1="0" x2="${x}" y2="${H}"/>`
  for (let y = 0; y <= H; y += 100) out += `<line x1="0" y1="${y}" x2="${W}" y2="${y}"/>`
  out += '</g>'
  // Land masses as soft polygons.
  for (let i = 0; i < 4; i++) {
    const cx = between(rand, 100, W - 100)
    const cy = between(rand, 100, H - 100)
    const pts = Array.from({ length: 9 }, (_, k) => {
      const a = (k / 9) * Math.PI * 2
      const r = between(rand, 120, 260)
      return `${r1(cx + Math.cos(a) * r)},${r1(cy + Math.sin(a) * r * 0.7)}`
    }).join(' ')
    out += `<polygon points="${pts}" fill="${p.dark}" opacity="${0.25 + i * 0.08}" stroke="${p.light}" stroke-opacity="0.4" stroke-width="3" stroke-linejoin="round"/>`
  }
  // Two rivers meeting, and a pin where they meet.
  const mx = between(rand, 520, 680)
  const my = between(rand, 380, 460)
  out += `<path d="M${r1(mx - 420)} 40 C ${r1(mx - 300)} 220, ${r1(mx - 160)} 160, ${mx} ${my} S ${r1(mx + 260)} 700, ${r1(mx + 420)} ${H}" fill="none" stroke="${p.accent}" stroke-width="14" stroke-linecap="round"/>`
  out += `<path d="M${r1(mx - 560)} 260 C ${r1(mx - 420)} 420, ${r1(mx - 200)} 520, ${r1(mx + 120)} ${r1(my + 180)}" fill="none" stroke="${p.accent}" stroke-width="9" stroke-linecap="round" opacity="0.8"/>`
  out += `<g transform="translate(${r1(mx + 20)} ${r1(my - 40)})"><path d="M0 0 C -40 -40 -40 -100 0 -100 C 40 -100 40 -40 0 0 Z" fill="${p.light}" stroke="${p.dark}" stroke-width="5"/><circle cx="0" cy="-66" r="14" fill="${p.dark}"/></g>`
  return out
}

function chart(p: Palette, rand: Rand, falling: boolean): string {
  let out = `<g stroke="${p.light}" stroke-opacity="0.3" stroke-width="2">`
  for (let y = 160; y <= 680; y += 104) out += `<line x1="120" y1="${y}" x2="1080" y2="${y}"/>`
  out += `</g><line x1="120" y1="680" x2="1080" y2="680" stroke="${p.light}" stroke-width="4"/>`
  const n = 8
  const step = 960 / n
  const values: number[] = []
  let v = falling ? 460 : 160
  for (let i = 0; i < n; i++) {
    v += (falling ? -1 : 1) * between(rand, 10, 60) + between(rand, -25, 25)
    v = Math.max(80, Math.min(500, v))
    values.push(v)
    out += `<rect x="${r1(140 + i * step)}" y="${r1(680 - v)}" width="${r1(step - 40)}" height="${r1(v)}" rx="10" fill="${p.accent}" opacity="${r1(0.55 + (0.4 * i) / n)}"/>`
  }
  const pts = values.map((val, i) => `${r1(140 + i * step + (step - 40) / 2)},${r1(680 - val - 40)}`)
  out += `<polyline points="${pts.join(' ')}" fill="none" stroke="${p.dark}" stroke-width="8" stroke-linejoin="round" stroke-linecap="round"/>`
  for (const pt of pts) {
    const [x, y] = pt.split(',')
    out += `<circle cx="${x}" cy="${y}" r="12" fill="${p.light}" stroke="${p.dark}" stroke-width="5"/>`
  }
  return out
}

function stage(p: Palette, rand: Rand): string {
  let out = `<defs><linearGradient id="spot" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.light}" stop-opacity="0.75"/><stop offset="1" stop-color="${p.light}" stop-opacity="0.05"/></linearGradient></defs>`
  out += `<ellipse cx="600" cy="700" rx="520" ry="90" fill="${p.dark}" opacity="0.6"/>`
  out += `<polygon points="540,0 660,0 900,700 300,700" fill="url(#spot)"/>`
  // Two figures, abstract: a circle head, a rounded body.
  for (const x of [between(rand, 470, 540), between(rand, 650, 720)]) {
    out += `<circle cx="${r1(x)}" cy="430" r="34" fill="${p.dark}"/><rect x="${r1(x - 48)}" y="475" width="96" height="200" rx="46" fill="${p.dark}"/>`
  }
  // Curtains with scalloped folds.
  for (const side of [0, 1]) {
    const x0 = side === 0 ? 0 : W - 260
    let folds = ''
    for (let i = 0; i < 5; i++) {
      const fx = x0 + i * 52
      folds += `<path d="M${fx} 0 Q ${fx + 26} ${r1(between(rand, 380, 460))} ${fx + (side === 0 ? 10 : 40)} ${H} L ${fx + 52} ${H} Q ${fx + 30} 400 ${fx + 52} 0 Z" fill="${p.accent}" opacity="${r1(0.75 + 0.05 * i)}"/>`
    }
    out += folds
  }
  return out + `<rect width="${W}" height="70" fill="${p.accent}"/><path d="M0 70 ${Array.from({ length: 13 }, (_, i) => `Q ${i * 100 + 50} 120 ${(i + 1) * 100} 70`).join(' ')}" fill="${p.accent}"/>`
}

function books(p: Palette, rand: Rand): string {
  let out = ''
  const colours = [p.accent, p.dark, p.light, p.sky[1]]
  for (const shelfY of [330, 620]) {
    out += `<rect x="90" y="${shelfY}" width="1020" height="22" rx="6" fill="${p.dark}"/>`
    let x = 120
    while (x < 1060) {
      const w = between(rand, 34, 70)
      const h = between(rand, 150, 240)
      const tilt = rand() < 0.12 ? -8 : 0
      out += `<rect x="${r1(x)}" y="${r1(shelfY - h)}" width="${r1(w)}" height="${r1(h)}" rx="5" fill="${colours[Math.floor(rand() * colours.length)]}" stroke="${p.dark}" stroke-width="3" transform="rotate(${tilt} ${r1(x + w / 2)} ${shelfY})"/>`
      out += `<rect x="${r1(x + 8)}" y="${r1(shelfY - h + 24)}" width="${r1(w - 16)}" height="8" fill="${p.dark}" opacity="0.35"/>`
      x += w + between(rand, 2, 10)
      if (rand() < 0.08) x += 60
    }
  }
  // A tent and a drill-shaped block on the floor: a "library of things".
  out += `<polygon points="160,780 300,650 440,780" fill="${p.accent}" stroke="${p.dark}" stroke-width="4"/><line x1="300" y1="650" x2="300" y2="780" stroke="${p.dark}" stroke-width="4"/>`
  out += `<rect x="820" y="690" width="150" height="60" rx="14" fill="${p.dark}"/><rect x="970" y="708" width="70" height="22" rx="6" fill="${p.light}"/><rect x="850" y="740" width="40" height="44" rx="8" fill="${p.dark}"/>`
  return out
}

function pitch(p: Palette, rand: Rand): string {
  let out = ''
  for (let i = 0; i < 12; i++) out += `<rect x="${i * 100}" y="260" width="100" height="540" fill="${p.accent}" opacity="${i % 2 ? 0.9 : 0.78}"/>`
  const l = `stroke="${p.light}" stroke-width="6" fill="none"`
  out += `<rect x="60" y="300" width="1080" height="460" ${l}/><line x1="600" y1="300" x2="600" y2="760" ${l}/><circle cx="600" cy="530" r="90" ${l}/>`
  out += `<rect x="60" y="420" width="130" height="220" ${l}/><rect x="1010" y="420" width="130" height="220" ${l}/>`
  // Floodlights.
  for (const x of [140, 1060]) {
    out += `<line x1="${x}" y1="250" x2="${x}" y2="60" stroke="${p.dark}" stroke-width="10"/><rect x="${x - 50}" y="30" width="100" height="50" rx="8" fill="${p.light}"/>`
    out += `<polygon points="${x - 50},80 ${x + 50},80 ${x + (x < 600 ? 360 : -160)},300 ${x + (x < 600 ? 160 : -360)},300" fill="${p.light}" opacity="0.12"/>`
  }
  const bx = between(rand, 680, 820)
  const by = between(rand, 560, 640)
  out += `<circle cx="${r1(bx)}" cy="${r1(by)}" r="44" fill="${p.light}" stroke="${p.dark}" stroke-width="4"/>`
  const pent = Array.from({ length: 5 }, (_, k) => {
    const a = -Math.PI / 2 + (k * 2 * Math.PI) / 5
    return `${r1(bx + Math.cos(a) * 16)},${r1(by + Math.sin(a) * 16)}`
  }).join(' ')
  return out + `<polygon points="${pent}" fill="${p.dark}"/>`
}

function mountains(p: Palette, rand: Rand): string {
  let out = ''
  const layers = [
    { base: 520, peak: 200, colour: p.accent, opacity: 0.55 },
    { base: 620, peak: 320, colour: p.dark, opacity: 0.8 },
  ]
  for (const layer of layers) {
    let d = `M0 ${H} L0 ${layer.base}`
    const caps: string[] = []
    let footY = layer.base
    for (let x = 0; x <= W; x += 200) {
      const px = x + between(rand, 60, 140)
      const py = between(rand, layer.peak, layer.peak + 120)
      const nextFootY = layer.base + between(rand, -40, 40)
      d += ` L${r1(px)} ${r1(py)} L${r1(x + 200)} ${r1(nextFootY)}`
      // Snow on the top fifth of both slopes, with a jagged lower edge.
      const t = 0.2
      const lx = px + (x - px) * t
      const ly = py + (footY - py) * t
      const rx = px + (x + 200 - px) * t
      const ry = py + (nextFootY - py) * t
      caps.push(
        `<polygon points="${r1(px)},${r1(py)} ${r1(rx)},${r1(ry)} ${r1((px + rx) / 2)},${r1(ry - 8)} ${r1(px)},${r1((ly + ry) / 2 + 6)} ${r1((px + lx) / 2)},${r1(ly - 8)} ${r1(lx)},${r1(ly)}" fill="${p.light}"/>`,
      )
      footY = nextFootY
    }
    out += `<path d="${d} L${W} ${H} Z" fill="${layer.colour}" opacity="${layer.opacity}"/>` + caps.join('')
  }
  out += `<path d="M0 ${H - 90} Q 600 ${H - 170} ${W} ${H - 100} L ${W} ${H} L 0 ${H} Z" fill="${p.light}"/>`
  out += `<path d="M120 ${H} C 420 ${H - 80}, 700 ${H - 90}, 1100 ${H - 120}" fill="none" stroke="${p.sky[0]}" stroke-width="4"/>`
  out += `<path d="M150 ${H} C 440 ${H - 60}, 720 ${H - 70}, 1110 ${H - 105}" fill="none" stroke="${p.sky[0]}" stroke-width="4"/>`
  for (let i = 0; i < 60; i++) out += `<circle cx="${r1(between(rand, 0, W))}" cy="${r1(between(rand, 0, H - 200))}" r="${r1(between(rand, 2, 6))}" fill="${p.light}" opacity="0.8"/>`
  return out
}

function sea(p: Palette, rand: Rand): string {
  let out = `<path d="M0 430 L180 250 L300 340 L460 180 L620 430 Z" fill="${p.dark}" opacity="0.7"/><path d="M700 430 L860 220 L980 320 L1200 200 L1200 430 Z" fill="${p.dark}" opacity="0.55"/>`
  out += `<rect y="430" width="${W}" height="370" fill="${p.accent}"/>`
  // A ferry.
  const fx = between(rand, 380, 560)
  out += `<polygon points="${fx},470 ${fx + 300},470 ${fx + 260},530 ${fx + 40},530" fill="${p.light}" stroke="${p.dark}" stroke-width="4"/><rect x="${fx + 70}" y="420" width="150" height="50" rx="6" fill="${p.light}" stroke="${p.dark}" stroke-width="4"/>`
  for (let i = 0; i < 5; i++) out += `<rect x="${fx + 84 + i * 26}" y="434" width="16" height="16" fill="${p.dark}"/>`
  out += `<rect x="${fx + 180}" y="388" width="24" height="34" fill="${p.dark}"/>`
  for (let row = 0; row < 7; row++) {
    const y = 560 + row * 36
    let d = `M0 ${y}`
    for (let x = 0; x < W; x += 80) d += ` q 20 -14 40 0 t 40 0`
    out += `<path d="${d}" fill="none" stroke="${p.light}" stroke-opacity="${r1(0.25 + rand() * 0.3)}" stroke-width="4"/>`
  }
  return out
}

function bus(p: Palette, rand: Rand): string {
  let out = `<path d="M0 520 Q 300 ${r1(between(rand, 380, 440))} 600 500 T ${W} 470 L ${W} ${H} L 0 ${H} Z" fill="${p.accent}" opacity="0.7"/>`
  out += `<path d="M0 600 Q 400 540 ${W} 620 L ${W} ${H} L 0 ${H} Z" fill="${p.dark}" opacity="0.85"/>`
  out += `<path d="M0 680 Q 400 620 ${W} 700" fill="none" stroke="${p.light}" stroke-width="6" stroke-dasharray="40 30"/>`
  for (let i = 0; i < 6; i++) {
    const tx = between(rand, 40, 1160)
    const ty = between(rand, 430, 520)
    out += `<rect x="${r1(tx - 5)}" y="${r1(ty)}" width="10" height="50" fill="${p.dark}"/><circle cx="${r1(tx)}" cy="${r1(ty - 10)}" r="${r1(between(rand, 26, 40))}" fill="${p.dark}" opacity="0.9"/>`
  }
  // The bus.
  out += `<g transform="translate(360 470)"><rect width="480" height="170" rx="28" fill="${p.light}" stroke="${p.dark}" stroke-width="6"/>`
  for (let i = 0; i < 5; i++) out += `<rect x="${30 + i * 84}" y="28" width="66" height="60" rx="8" fill="${p.sky[0]}"/>`
  out += `<rect x="440" y="28" width="24" height="100" rx="6" fill="${p.sky[0]}"/><rect y="108" width="480" height="16" fill="${p.accent}"/>`
  out += `<circle cx="100" cy="172" r="34" fill="${p.dark}"/><circle cx="380" cy="172" r="34" fill="${p.dark}"/><circle cx="100" cy="172" r="12" fill="${p.light}"/><circle cx="380" cy="172" r="12" fill="${p.light}"/></g>`
  return out
}

function water(p: Palette, rand: Rand): string {
  let out = `<g stroke="${p.dark}" stroke-width="56" stroke-linecap="round" fill="none" opacity="0.85"><path d="M-40 620 H 420 V 380 H 760"/><path d="M760 380 H 1240"/></g>`
  out += `<g fill="${p.dark}"><rect x="390" y="580" width="60" height="80" rx="10"/><rect x="730" y="340" width="60" height="80" rx="10"/></g>`
  out += `<rect x="560" y="322" width="110" height="30" rx="8" fill="${p.accent}"/><rect x="600" y="290" width="30" height="40" fill="${p.accent}"/>`
  const drop = (x: number, y: number, s: number, o: number) =>
    `<path transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})" d="M0 -80 C 30 -30 60 0 60 30 A 60 60 0 0 1 -60 30 C -60 0 -30 -30 0 -80 Z" fill="${p.accent}" opacity="${o}"/>`
  out += drop(860, 560, 2.2, 0.95)
  out += `<path transform="translate(860 560)" d="M-60 40 A 60 60 0 0 0 -10 100" fill="none" stroke="${p.light}" stroke-width="14" stroke-linecap="round"/>`
  for (let i = 0; i < 6; i++) out += drop(between(rand, 80, 700), between(rand, 120, 300), between(rand, 0.3, 0.7), 0.5)
  return out
}

function blocks(p: Palette, rand: Rand): string {
  let out = `<rect y="640" width="${W}" height="160" fill="${p.dark}" opacity="0.35"/>`
  const colours = [p.accent, p.light, p.dark, p.sky[1]]
  let x = 180
  for (let col = 0; col < 5; col++) {
    const count = 1 + Math.floor(rand() * 3)
    for (let k = 0; k < count; k++) {
      const size = 110
      const y = 640 - size * (k + 1)
      out += `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="10" fill="${colours[(col + k) % colours.length]}" stroke="${p.dark}" stroke-width="5"/>`
      out += `<circle cx="${x + size / 2}" cy="${y + size / 2}" r="22" fill="${p.dark}" opacity="0.25"/>`
    }
    if (col === 2) out += `<polygon points="${x},${640 - 110 * (count + 0)} ${x + 55},${640 - 110 * count - 95} ${x + 110},${640 - 110 * count}" fill="${p.accent}" stroke="${p.dark}" stroke-width="5"/>`
    x += 170
  }
  // A wooden duck on wheels.
  out += `<g transform="translate(940 470)"><ellipse cx="60" cy="90" rx="100" ry="60" fill="${p.accent}" stroke="${p.dark}" stroke-width="5"/><circle cx="140" cy="20" r="42" fill="${p.accent}" stroke="${p.dark}" stroke-width="5"/><polygon points="178,14 226,26 178,36" fill="${p.light}" stroke="${p.dark}" stroke-width="4"/><circle cx="150" cy="10" r="7" fill="${p.dark}"/><circle cx="10" cy="160" r="24" fill="${p.dark}"/><circle cx="110" cy="160" r="24" fill="${p.dark}"/></g>`
  return out
}

/** An illustration as SVG text. */
export function illustrationSvg(motif: Motif, palette: Palette, seed: number): string {
  const rand = random(seed)
  const bg = background(palette, rand)
  let body: string
  switch (motif) {
    case 'skyline':
      body = skyline(palette, rand)
      break
    case 'globe':
      body = globe(palette, rand)
      break
    case 'map':
      body = map(palette, rand)
      break
    case 'chart':
      body = chart(palette, rand, seed % 2 === 1)
      break
    case 'stage':
      body = stage(palette, rand)
      break
    case 'books':
      body = books(palette, rand)
      break
    case 'pitch':
      body = pitch(palette, rand)
      break
    case 'mountains':
      body = mountains(palette, rand)
      break
    case 'sea':
      body = sea(palette, rand)
      break
    case 'bus':
      body = bus(palette, rand)
      break
    case 'water':
      body = water(palette, rand)
      break
    case 'blocks':
      body = blocks(palette, rand)
      break
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${bg}${body}</svg>`
}

/** A square avatar with the person's initials. */
export function avatarSvg(initials: string, colours: readonly [string, string], size = 400): string {
  const safe = initials.replace(/[^\p{L}]/gu, '').slice(0, 3)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 400 400">
<defs><linearGradient id="a" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colours[0]}"/><stop offset="1" stop-color="${colours[1]}"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#a)"/>
<circle cx="320" cy="70" r="120" fill="#ffffff" opacity="0.08"/><circle cx="60" cy="360" r="90" fill="#ffffff" opacity="0.06"/>
<text x="200" y="200" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-weight="bold" font-size="150" fill="#ffffff" letter-spacing="4">${safe}</text>
</svg>`
}

/** Rasterises SVG to JPEG bytes (the media store re-encodes them). */
export async function rasterise(svg: string): Promise<Buffer> {
  const sharp = await loadSharp()
  return sharp(Buffer.from(svg)).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer()
}
