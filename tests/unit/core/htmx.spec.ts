import { test } from '@japa/runner'
import type { HttpContext } from '@adonisjs/core/http'
import { flashMessage, isHtmx, triggerHtmxEvents, wantsFragment } from '#core/mod'

/** Just enough of a request context: its headers in, headers and flashes out */
function fakeContext(requestHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = {}
  const flashed: Record<string, string> = {}
  const ctx = {
    request: { header: (name: string) => requestHeaders[name.toLowerCase()] },
    response: {
      getHeader: (name: string) => headers[name],
      header: (name: string, value: string) => (headers[name] = value),
    },
    session: { flash: (key: string, value: string) => (flashed[key] = value) },
  } as unknown as HttpContext
  return { ctx, headers, flashed }
}

test.group('htmx helpers', () => {
  test('a full-page request keeps its flash in the session', ({ assert }) => {
    const { ctx, headers, flashed } = fakeContext()
    flashMessage(ctx, 'success', 'Saved')
    assert.deepEqual(flashed, { success: 'Saved' })
    assert.isUndefined(headers['HX-Trigger'])
  })

  test('an htmx request gets the flash as an ASCII HX-Trigger event', ({ assert }) => {
    const { ctx, headers, flashed } = fakeContext({ 'hx-request': 'true' })
    flashMessage(ctx, 'notice', 'أصبح دور ليلى: مدير')
    assert.deepEqual(flashed, {})
    assert.match(headers['HX-Trigger'], /^[\x20-\x7e]+$/)
    assert.deepEqual(JSON.parse(headers['HX-Trigger']), {
      flash: { tone: 'success', message: 'أصبح دور ليلى: مدير' },
    })
  })

  test('events already in HX-Trigger are kept', ({ assert }) => {
    const { ctx, headers } = fakeContext({ 'hx-request': 'true' })
    headers['HX-Trigger'] = 'refreshStats, closeMenu'
    triggerHtmxEvents(ctx, { saved: { id: 1 } })
    flashMessage(ctx, 'error', 'No')
    assert.deepEqual(JSON.parse(headers['HX-Trigger']), {
      refreshStats: null,
      closeMenu: null,
      saved: { id: 1 },
      flash: { tone: 'error', message: 'No' },
    })
  })

  test('only htmx asking for the element itself gets a fragment', ({ assert }) => {
    assert.isFalse(isHtmx(fakeContext().ctx))
    assert.isTrue(
      wantsFragment(fakeContext({ 'hx-request': 'true', 'hx-target': 'members' }).ctx, 'members')
    )
    assert.isFalse(
      wantsFragment(fakeContext({ 'hx-request': 'true', 'hx-target': 'other' }).ctx, 'members')
    )
    assert.isFalse(
      wantsFragment(
        fakeContext({ 'hx-request': 'true', 'hx-target': 'members', 'hx-boosted': 'true' }).ctx,
        'members'
      )
    )
    assert.isFalse(
      wantsFragment(
        fakeContext({
          'hx-request': 'true',
          'hx-target': 'members',
          'hx-history-restore-request': 'true',
        }).ctx,
        'members'
      )
    )
  })
})
