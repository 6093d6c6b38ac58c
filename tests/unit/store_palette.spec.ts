import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { ACCENT_PALETTE, STORE_THEMES } from '#tenancy/mod'

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

const css = readFileSync(new URL('../../resources/css/app.css', import.meta.url), 'utf8')
const layout = readFileSync(
  new URL('../../resources/views/components/layouts/storefront.edge', import.meta.url),
  'utf8'
)

test.group('Store palette', () => {
  for (const accent of ACCENT_PALETTE) {
    test(`${accent.name}: white text on it, and it as a link on white and on its tint, pass AA`, ({
      assert,
    }) => {
      assert.isAtLeast(contrast(accent.color, '#ffffff'), 4.5)
      assert.isAtLeast(contrast(accent.color, accent.soft), 4.5)
      // Body text on the tint (the boutique and souq heroes)
      assert.isAtLeast(contrast('#1b1f24', accent.soft), 4.5)
    })

    test(`${accent.name}: a class in app.css and an entry in the storefront layout`, ({
      assert,
    }) => {
      assert.include(css, `.accent-${accent.name} {`)
      assert.include(layout, `'${accent.color}': '${accent.name}'`)
    })
  }

  test('every theme has its variable set', ({ assert }) => {
    for (const theme of STORE_THEMES) assert.include(css, `.theme-${theme} {`)
  })
})
