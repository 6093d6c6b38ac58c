import { test } from '@japa/runner'
import SetPlan from '#billing/operations/set_plan'
import stripeConfig from '#config/stripe'
import { withTenant } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import { createStore, unique } from '#tests/helpers'
import { seedProject } from '#tests/functional/workspace/support'

test.group('Billing | the billing page', () => {
  test('the owner sees the plan, its state and its limits', async ({ client, assert }) => {
    const { owner } = await createStore({ plan: 'free' })
    const response = await client.get('/dashboard/billing').loginAs(owner).redirects(0)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Free')
    assert.include(html, '$0.00 a month')
    assert.match(html, /id="subscription-status"[\s\S]*?Active/)
    assert.match(html, /id="limit-projects"[\s\S]*?>\s*3\s*</)
    assert.match(html, /id="limit-tasks"[\s\S]*?>\s*100\s*</)
  })

  test('without Stripe keys it says how the operator sets them up', async ({
    client,
    assert,
    cleanup,
  }) => {
    const saved = { ...stripeConfig }
    cleanup(() => void Object.assign(stripeConfig, saved))
    stripeConfig.secretKey = null
    const { members } = await createStore({ plan: 'free' })
    const response = await client.get('/dashboard/billing').loginAs(members.finance)
    response.assertStatus(200)
    assert.include(response.text(), 'STRIPE_SECRET_KEY')
    assert.include(response.text(), '/webhooks/stripe')
  })

  test('with Stripe keys it says whether the store is billed through Stripe', async ({
    client,
    assert,
    cleanup,
  }) => {
    const saved = { ...stripeConfig }
    cleanup(() => void Object.assign(stripeConfig, saved))
    Object.assign(stripeConfig, { secretKey: 'sk_test_page', webhookSecret: 'whsec_page' })
    const { store, owner } = await createStore({ plan: 'free' })
    let response = await client.get('/dashboard/billing').loginAs(owner)
    assert.include(response.text(), 'not billed through Stripe yet')
    assert.notInclude(response.text(), 'STRIPE_SECRET_KEY')

    await withTenant(store, () =>
      Subscription.query().update({ stripe_customer_id: unique('cus_') })
    )
    response = await client.get('/dashboard/billing').loginAs(owner)
    assert.include(response.text(), 'billed through Stripe.')
  })

  test('finance may see it; an admin and a member may not ({$self})')
    .with(['admin', 'member'] as const)
    .run(async ({ client, assert }, role) => {
      const { members } = await createStore({ plan: 'free' })
      const response = await client.get('/dashboard/billing').loginAs(members[role]).redirects(0)
      response.assertStatus(403)
      assert.notInclude(response.text(), 'id="plan-limits"')
    })

  test("another store's plan is never shown", async ({ client, assert }) => {
    const paying = await createStore({ plan: 'free' })
    await new SetPlan().handle(paying.store, 'pro')
    const other = await createStore({ plan: 'free' })
    const response = await client.get('/dashboard/billing').loginAs(other.owner)
    response.assertStatus(200)
    assert.match(response.text(), /id="limit-projects"[\s\S]*?>\s*3\s*</)
    assert.notInclude(response.text(), '$29.00')

    const own = await client.get('/dashboard/billing').loginAs(paying.owner)
    assert.include(own.text(), '$29.00 a month')
    assert.match(own.text(), /id="limit-projects"[\s\S]*?Unlimited/)
  })

  test('shows how much of each limit the store uses', async ({ client, assert }) => {
    const fixture = await createStore({ plan: 'free' })
    await seedProject(fixture, 'One')
    await seedProject(fixture, 'Two')
    const html = (await client.get('/dashboard/billing').loginAs(fixture.owner)).text()
    assert.match(
      html,
      /id="limit-projects"[\s\S]*?<progress[^>]*max="3"[^>]*value="2"[\s\S]*?>\s*2\s*</
    )
    assert.match(html, /id="limit-members"[\s\S]*?<progress[^>]*max="4"[^>]*value="4"/)
    assert.match(html, /id="limit-products"[\s\S]*?usage-count">0</)
    assert.include(html, 'Projects: 2 of 3')
  })

  test('the page speaks Arabic', async ({ client, assert }) => {
    const { owner } = await createStore({ plan: 'free' })
    const response = await client.get('/dashboard/billing?lang=ar').loginAs(owner)
    response.assertStatus(200)
    assert.include(response.text(), 'ما تتيحه خطتك')
    assert.include(response.text(), 'dir="rtl"')
  })
})
