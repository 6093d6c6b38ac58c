import { test } from '@japa/runner'

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
})
