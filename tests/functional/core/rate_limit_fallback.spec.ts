import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { consumeAttempt, THROTTLE_POLICIES } from '#core/mod'
import { unique, uniqueEmail } from '#tests/helpers'

test.group('Rate limits without Redis', (group) => {
  /**
   * CLIENT PAUSE makes Redis accept commands and never answer them: the
   * limiter must give up on it (command timeout) and count in memory.
   */
  async function silenceRedis(seconds: number) {
    await redis.connection('main').call('CLIENT', 'PAUSE', String(seconds * 1000), 'WRITE')
  }

  group.each.teardown(async () => {
    await redis.connection('main').call('CLIENT', 'UNPAUSE')
  })

  test('with Redis not answering, sign-in still answers and the per-process limit applies', async ({
    client,
    assert,
  }) => {
    await silenceRedis(10)

    const email = uniqueEmail('nolimit')
    const statuses: number[] = []
    for (let attempt = 0; attempt <= THROTTLE_POLICIES.signIn.requests; attempt++) {
      const response = await client
        .post('/signin')
        .form({ email, password: 'wrong-password-1' })
        .withCsrfToken()
        .redirects(0)
      statuses.push(response.status())
    }
    assert.deepEqual(
      statuses.slice(0, THROTTLE_POLICIES.signIn.requests),
      Array(THROTTLE_POLICIES.signIn.requests).fill(422)
    )
    assert.equal(statuses.at(-1), 429)
  })

  test('the fallback counts per key, like the Redis store', async ({ assert }) => {
    await silenceRedis(10)
    const key = unique('k')
    const limit = THROTTLE_POLICIES.magicLink.requests
    const waits = []
    for (let attempt = 0; attempt <= limit; attempt++) {
      waits.push(await consumeAttempt('magicLink', key))
    }
    assert.deepEqual(waits.slice(0, limit), Array(limit).fill(null))
    assert.isAbove(waits.at(-1)!, 0)
    assert.isNull(await consumeAttempt('magicLink', unique('other')))
  })

  test('with Redis up, the limit is shared through Redis', async ({ assert }) => {
    const key = unique('k')
    for (let attempt = 0; attempt < THROTTLE_POLICIES.magicLink.requests; attempt++) {
      assert.isNull(await consumeAttempt('magicLink', key))
    }
    assert.isAbove((await consumeAttempt('magicLink', key))!, 0)
    const stored = await redis.connection('limiter').keys('*magicLink*')
    assert.isAbove(stored.length, 0)
  })
})
