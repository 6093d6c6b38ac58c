/*
| Step: static assets (htmx, the stylesheet, resources/js) into public/, and
| the icon sprite public/icons.svg built from lucide-static.
*/
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { basename, dirname, extname, join } from 'node:path'
import { ROOT, log } from './common.js'

/**
 * The icons the views use (`@!icon({ name })` in resources/views/components/icon.edge),
 * by their lucide name. Add a name here to make it available.
 */
export const ICONS = [
  'activity',
  'arrow-down',
  'arrow-left',
  'arrow-up',
  'arrow-up-down',
  'banknote',
  'chart-line',
  'check',
  'chevron-left',
  'chevron-right',
  'circle',
  'circle-alert',
  'circle-check',
  'circle-dashed',
  'clock',
  'construction',
  'copy',
  'credit-card',
  'download',
  'crown',
  'ellipsis',
  'external-link',
  'folder-kanban',
  'gauge',
  'hand-heart',
  'headset',
  'house',
  'inbox',
  'info',
  'key-round',
  'languages',
  'layout-dashboard',
  'lock',
  'log-in',
  'log-out',
  'mail',
  'menu',
  'minus',
  'package',
  'plus',
  'rotate-cw',
  'search',
  'search-x',
  'settings',
  'share-2',
  'shield',
  'shopping-cart',
  'store',
  'tag',
  'trash-2',
  'trending-down',
  'trending-up',
  'upload',
  'triangle-alert',
  'truck',
  'user',
  'user-minus',
  'users',
  'x',
]

const ICON_DIR = 'node_modules/lucide-static/icons'

/** One `<symbol id="name">` per icon, the attributes of lucide's `<svg>` kept on it. */
export function buildIconSprite(names = ICONS) {
  const symbols = []
  const missing = []
  for (const name of names) {
    const file = join(ROOT, ICON_DIR, `${name}.svg`)
    if (!existsSync(file)) {
      missing.push(name)
      continue
    }
    const svg = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '')
    const match = /<svg([^>]*)>([\s\S]*?)<\/svg>/.exec(svg)
    if (!match) {
      missing.push(name)
      continue
    }
    const attributes = [
      'viewBox',
      'fill',
      'stroke',
      'stroke-width',
      'stroke-linecap',
      'stroke-linejoin',
    ]
      .map((attribute) => {
        const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(match[1])
        return value ? ` ${attribute}="${value[1]}"` : ''
      })
      .join('')
    const body = match[2]
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('')
    symbols.push(`<symbol id="${name}"${attributes}>${body}</symbol>`)
  }
  const sprite =
    '<svg xmlns="http://www.w3.org/2000/svg">\n' +
    '<!-- Icons from lucide-static (ISC license), built by bin/setup/copy_assets.js -->\n' +
    symbols.join('\n') +
    '\n</svg>\n'
  return { sprite, count: symbols.length, missing }
}

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
  if (existsSync(join(ROOT, ICON_DIR))) {
    const icons = buildIconSprite()
    mkdirSync(join(ROOT, 'public'), { recursive: true })
    writeFileSync(join(ROOT, 'public/icons.svg'), icons.sprite)
    copied.push(`public/icons.svg (${icons.count} icons)`)
    for (const name of icons.missing) missing.push(`${ICON_DIR}/${name}.svg`)
  } else {
    missing.push(ICON_DIR)
  }
  const fingerprinted = fingerprintAssets(
    copied.map((to) => to.replace(/^public\//, '').split(' ')[0])
  )
  log(
    `assets: copied ${copied.length} file(s) into public/, ${fingerprinted} with a content hash` +
      (missing.length ? ` (skipped missing: ${missing.join(', ')})` : '')
  )
}

/**
 * Writes each file again under a name that carries a hash of its content
 * (`css/app.3f2a9c1b0d.css`) and the mapping to public/assets.json. Pages
 * link the hashed names, which can be cached for a year: a change makes a
 * new name. Older hashed copies of the same file are removed.
 */
function fingerprintAssets(files) {
  const manifest = {}
  for (const file of files) {
    const path = join(ROOT, 'public', file)
    if (!existsSync(path)) continue
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 10)
    const extension = extname(file)
    const stem = basename(file, extension)
    const folder = dirname(file)
    const stale = new RegExp(
      `^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{10}${extension.replace('.', '\\.')}$`
    )
    for (const name of readdirSync(join(ROOT, 'public', folder))) {
      if (stale.test(name)) rmSync(join(ROOT, 'public', folder, name))
    }
    const hashed = join(folder, `${stem}.${hash}${extension}`).replace(/^\.\//, '')
    copyFileSync(path, join(ROOT, 'public', hashed))
    manifest[file] = hashed
  }
  writeFileSync(join(ROOT, 'public/assets.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return Object.keys(manifest).length
}
