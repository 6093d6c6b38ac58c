import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { createStore } from '#tests/helpers'

function contentHash(file: string) {
  return createHash('sha256')
    .update(readFileSync(app.makePath(file)))
    .digest('hex')
    .slice(0, 10)
}

test.group('Assets', () => {
  test('pages link the stylesheet by a name that carries a hash of its content', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/signin')
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text())?.[1]
    assert.equal(href, `/css/app.${contentHash('resources/css/app.css')}.css`)
  })

  test('a hashed file is kept for a year; a plain name only for a day', async ({
    client,
    assert,
  }) => {
    const hashed = await client.get(`/css/app.${contentHash('resources/css/app.css')}.css`)
    hashed.assertStatus(200)
    assert.equal(hashed.header('cache-control'), 'public, max-age=31536000, immutable')
    assert.equal(hashed.text(), readFileSync(app.makePath('resources/css/app.css'), 'utf8'))

    const plain = await client.get('/css/app.css')
    plain.assertStatus(200)
    assert.equal(plain.header('cache-control'), 'public, max-age=86400')
  })

  test('scripts and the icon sprite are linked by their hashed names too', async ({
    client,
    assert,
  }) => {
    const { owner } = await createStore()
    const page = await client.get('/dashboard').loginAs(owner)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, `/js/htmx.min.${contentHash('node_modules/htmx.org/dist/htmx.min.js')}.js`)
    assert.match(html, /<use href="\/icons\.[0-9a-f]{10}\.svg#/)
  })
})
