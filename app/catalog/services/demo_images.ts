import sharp from 'sharp'
import { createHash } from 'node:crypto'

/** Size of a demo product's drawn picture: large enough for the 320 and 640 sizes */
const SIZE = 800

/** The same title always gets the same colour, a mid-light hue readable behind white text */
function colourOf(title: string) {
  const hue = createHash('sha256').update(title).digest().readUInt16BE(0) % 360
  return `hsl(${hue}, 55%, 45%)`
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)

/**
 * A demo product's picture, drawn here so demo data needs nothing from the
 * network: the title's first letter on a colour taken from the title, as a PNG.
 */
export function demoImage(title: string) {
  const initial = escapeXml((Array.from(title.trim())[0] ?? '·').toLocaleUpperCase('en'))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}">
    <rect width="100%" height="100%" fill="${colourOf(title)}"/>
    <circle cx="${SIZE / 2}" cy="${SIZE / 2}" r="${SIZE * 0.32}" fill="rgba(255,255,255,0.16)"/>
    <text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, sans-serif"
      font-size="${SIZE * 0.4}" font-weight="700" fill="#ffffff">${initial}</text>
  </svg>`
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer()
}
