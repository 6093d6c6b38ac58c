/*
| Step: static assets (htmx, the stylesheet, resources/js) into public/.
*/
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, log } from './common.js'

export function copyAssets() {
  const copies = [
    ['node_modules/htmx.org/dist/htmx.min.js', 'public/js/htmx.min.js'],
    ['resources/css/app.css', 'public/css/app.css'],
  ]
  const jsDir = join(ROOT, 'resources/js')
  if (existsSync(jsDir)) {
    for (const name of readdirSync(jsDir)) {
      if (name.endsWith('.js')) copies.push([`resources/js/${name}`, `public/js/${name}`])
    }
  }
  const copied = []
  const missing = []
  for (const [from, to] of copies) {
    const source = join(ROOT, from)
    if (!existsSync(source)) {
      missing.push(from)
      continue
    }
    mkdirSync(join(ROOT, to, '..'), { recursive: true })
    copyFileSync(source, join(ROOT, to))
    copied.push(to)
  }
  log(
    `assets: copied ${copied.length} file(s) into public/` +
      (missing.length ? ` (skipped missing: ${missing.join(', ')})` : '')
  )
}
