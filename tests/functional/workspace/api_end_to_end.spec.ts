import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { PASSWORD, uniqueEmail } from '#tests/helpers'
import {
  confirmAddress,
  confirmationToken,
  expectRedirect,
  expectStatus,
  resetThrottle,
  signUp,
  signUpForm,
} from '../identity/support.js'
import {
  deliver,
  planWithStripePrice,
  settled,
  stripeEvent,
  subscriptionObject,
} from '../billing/support.js'
import { bearer } from './api_support.js'

/**
 * The first run of a teams-API user, over HTTP only: sign up (which opens
 * the store), confirm the address, sign in by a mailed link for a token,
 * invite a teammate, fill the free plan's projects, upgrade (Stripe's
 * signed webhook), then work with tasks.
 */
test.group('Workspace API | end to end', (group) => {
  group.each.setup(async () => {
    await resetThrottle('signUp')
    await resetThrottle('signIn')
  })

  test('sign up → token by magic link → invite → 402 at the 4th project → upgrade → task → list', async ({
    client,
    assert,
  }) => {
    const form = signUpForm({ storeName: 'Team Shop' })
    await expectStatus(signUp(client, form), 200)
    await expectRedirect(
      confirmAddress(client, await confirmationToken(form.email), PASSWORD),
      '/dashboard'
    )

    const asked = await expectStatus(
      client.post('/api/v1/auth/magic-link').json({ email: form.email }),
      202
    )
    const redeemed = await expectStatus(
      client.post('/api/v1/auth/redeem').json({ token: asked.body().data.token, name: 'demo' }),
      201
    )
    const { token, store } = redeemed.body().data
    assert.equal(store.slug, form.slug)
    assert.includeMembers(redeemed.body().data.abilities, [
      'projects:write',
      'tasks:write',
      'team:write',
    ])

    const teammate = uniqueEmail('teammate')
    const invited = await bearer(client, 'post', '/api/v1/invitations', token, {
      email: teammate,
      role: 'member',
    })
    invited.assertStatus(201)
    const invitations = await bearer(client, 'get', '/api/v1/invitations', token)
    assert.deepEqual(
      invitations.body().data.map((row: any) => row.email),
      [teammate]
    )

    for (const name of ['Launch', 'Ops', 'Content']) {
      ;(await bearer(client, 'post', '/api/v1/projects', token, { name })).assertStatus(201)
    }
    const capped = await bearer(client, 'post', '/api/v1/projects', token, { name: 'Fourth' })
    capped.assertStatus(402)
    assert.equal(capped.body().errors[0].link, '/dashboard/billing')

    const plan = await planWithStripePrice()
    const tenant = await db.from('tenants').where('slug', form.slug).firstOrFail()
    const event = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ tenantId: tenant.id, priceId: plan.stripePriceId! })
    )
    ;(await deliver(client, event)).assertStatus(200)
    assert.equal((await settled(event.id))?.status, 'processed')

    const fourth = await bearer(client, 'post', '/api/v1/projects', token, { name: 'Fourth' })
    fourth.assertStatus(201)
    const projectId = fourth.body().data.id
    const task = await bearer(client, 'post', `/api/v1/projects/${projectId}/tasks`, token, {
      title: 'Write the launch post',
      dueOn: '2026-12-31',
    })
    task.assertStatus(201)

    const listed = await bearer(client, 'get', `/api/v1/projects/${projectId}/tasks`, token)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.title, row.status, row.dueOn]),
      [['Write the launch post', 'todo', '2026-12-31']]
    )
    assert.isNull(listed.body().nextCursor)
  })
})
