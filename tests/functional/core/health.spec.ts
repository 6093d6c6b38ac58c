import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'

test.group('Health', () => {
  test('/health answers 200 ok', async ({ client }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    response.assertBodyContains({ status: 'ok' })
  })

  test('/ready reports postgresql and redis ok', async ({ client }) => {
    const response = await client.get('/ready')
    response.assertStatus(200)
    response.assertBodyContains({
      status: 'ok',
      checks: { postgresql: { status: 'ok' }, redis: { status: 'ok' } },
    })
  })

  test('/ready stays 200 and calls Redis degraded when it stops answering; /health is up', async ({
    client,
  }) => {
    const admin = redis.connection('main').ioConnection.duplicate()
    await admin.call('CLIENT', 'PAUSE', '3000', 'ALL')
    try {
      const response = await client.get('/ready')
      response.assertStatus(200)
      response.assertBodyContains({
        status: 'degraded',
        checks: { postgresql: { status: 'ok' }, redis: { status: 'degraded' } },
      })
      ;(await client.get('/health')).assertStatus(200)
    } finally {
      await admin.call('CLIENT', 'UNPAUSE')
      admin.disconnect()
    }
  })
})
