import { test } from '@japa/runner'
import { pathForLog, requestIdFor } from '#core/middleware/request_log_middleware'

test.group('Request log', () => {
  test('a matched route is logged by its pattern, so tokens in the path stay out of the log', ({
    assert,
  }) => {
    const token = 'Zq8mN1-secret-token'
    const logged = pathForLog({ pattern: '/magic-links/:token' }, `/magic-links/${token}`)
    assert.equal(logged, '/magic-links/:token')
    assert.notInclude(logged, token)
  })

  test('a path no route matched is logged as it came', ({ assert }) => {
    assert.equal(pathForLog(null, '/no-such-page'), '/no-such-page')
    assert.equal(pathForLog(undefined, '/'), '/')
  })
})

test.group('Request ids from proxies', () => {
  test('with no trusted proxy, the id a peer sends is replaced by a fresh one', ({ assert }) => {
    const id = requestIdFor('127.0.0.1', 'from-the-peer')
    assert.notEqual(id, 'from-the-peer')
    assert.notEqual(requestIdFor('127.0.0.1', undefined), requestIdFor('127.0.0.1', undefined))
  })
})
