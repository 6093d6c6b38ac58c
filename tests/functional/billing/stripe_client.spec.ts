import { test } from '@japa/runner'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import stripeConfig from '#config/stripe'
import { createStripeClient, stripeClient } from '#billing/services/stripe_client'

test.group('Billing | the Stripe client', () => {
  test('a client exactly when a secret key is configured', ({ assert }) => {
    assert.equal(stripeClient() !== null, stripeConfig.secretKey !== null)
  })

  test('talks to the API address it is given, with the secret key', async ({ assert, cleanup }) => {
    const seen: IncomingMessage[] = []
    const server = createServer((request, response) => {
      seen.push(request)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ id: 'cus_local', object: 'customer' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))

    const { port } = server.address() as AddressInfo
    const stripe = createStripeClient('sk_test_local', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
    })
    const customer = await stripe.customers.retrieve('cus_local')

    assert.equal(customer.id, 'cus_local')
    assert.lengthOf(seen, 1)
    assert.equal(seen[0].url, '/v1/customers/cus_local')
    assert.equal(seen[0].headers.authorization, 'Bearer sk_test_local')
  })
})
