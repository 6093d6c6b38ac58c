import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import Subscription from '#billing/models/subscription'
import { createStore, lastMailTo, mailsTo, unique } from '#tests/helpers'
import {
  deliver,
  invoiceObject,
  now,
  planWithStripePrice,
  settled,
  stripeEvent,
  subscriptionObject,
} from './support.js'

const BILLING = '/dashboard/billing'

async function countMails(email: string, subject: RegExp) {
  const messages = await mailsTo(email)
  return messages.filter((message) => subject.test(message.subject)).length
}

async function delivered(client: any, event: { id: string }) {
  const response = await deliver(client, event)
  response.assertStatus(200)
  const row = await settled(event.id)
  if (row?.status !== 'processed') throw new Error(`${event.id}: ${row?.status} ${row?.last_error}`)
}

/** A store billed through Stripe on an active subscription, as a Checkout would leave it */
async function subscribedStore(client: any) {
  const fixture = await createStore({ plan: 'free' })
  const plan = await planWithStripePrice()
  const customer = unique('cus_')
  const subscriptionId = unique('sub_')
  await delivered(
    client,
    stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        id: subscriptionId,
        customer,
        tenantId: fixture.store.id,
        priceId: plan.stripePriceId!,
      }),
      { created: now() - 60 }
    )
  )
  return { ...fixture, plan, customer, subscriptionId }
}

async function inState(store: TenantSnapshot, values: Partial<Subscription>) {
  await withTenant(store, async () => {
    const subscription = await Subscription.query().firstOrFail()
    await subscription.merge(values).save()
  })
}

test.group('Billing | dunning mails', () => {
  test('three days before a trial ends, owners and finance hear once, each in their language', async ({
    client,
    assert,
  }) => {
    const { store, owner, members } = await createStore({ plan: 'free' })
    members.finance.locale = 'ar'
    await members.finance.save()
    const plan = await planWithStripePrice()
    const trialEnd = now() + 3 * 86_400 - 60
    const object = subscriptionObject({
      tenantId: store.id,
      priceId: plan.stripePriceId!,
      status: 'trialing',
      trialEnd,
    })
    const event = stripeEvent('customer.subscription.trial_will_end', object)
    await delivered(client, event)

    const mail = await lastMailTo(owner.email, { subject: /trial ends in 3 days/ })
    assert.exists(mail, 'no trial-ending mail reached the owner')
    assert.include(mail!.subject, 'Test Store')
    assert.include(mail!.text, plan.name)
    assert.include(mail!.text, `${BILLING}`)
    const arabic = await lastMailTo(members.finance.email, { subject: /تنتهي الفترة التجريبية/ })
    assert.exists(arabic, 'no Arabic trial-ending mail reached finance')
    assert.include(arabic!.html, 'dir="rtl"')

    // The same delivery again, and Stripe sending the reminder for the same trial anew
    await deliver(client, event)
    await delivered(client, stripeEvent('customer.subscription.trial_will_end', object))
    assert.equal(await countMails(owner.email, /trial ends/), 1)
    assert.equal(await countMails(members.finance.email, /تنتهي الفترة التجريبية/), 1)
    assert.lengthOf(await mailsTo(members.admin.email, 0), 0, 'admins are not billing contacts')
    assert.lengthOf(await mailsTo(members.member.email, 0), 0)
  })

  test('a trial reminder that arrives after the trial ended mails nobody', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore({ plan: 'free' })
    const plan = await planWithStripePrice()
    const object = subscriptionObject({
      tenantId: store.id,
      priceId: plan.stripePriceId!,
      status: 'active',
      trialEnd: now() - 3600,
    })
    await delivered(client, stripeEvent('customer.subscription.trial_will_end', object))
    assert.equal(await countMails(owner.email, /trial ends/), 0)
  })

  test('a failed payment mails the link to fix it, once per attempt; the fall into the gate once', async ({
    client,
    assert,
  }) => {
    const { owner, members, customer, subscriptionId } = await subscribedStore(client)
    const invoice = { ...invoiceObject(customer, subscriptionId), attempt_count: 1 }
    const failed = stripeEvent('invoice.payment_failed', invoice, { created: now() - 30 })
    await delivered(client, failed)

    const mail = await lastMailTo(owner.email, { subject: /A payment for Test Store failed/ })
    assert.exists(mail, 'no payment-failed mail reached the owner')
    assert.include(mail!.text, 'Fix the payment method')
    assert.match(mail!.text, new RegExp(`https?://[^\\s]+${BILLING}`))
    assert.exists(await lastMailTo(owner.email, { subject: /Changes to Test Store are paused/ }))
    assert.exists(await lastMailTo(members.finance.email, { subject: /failed/ }))

    await deliver(client, failed)
    await delivered(client, stripeEvent('invoice.payment_failed', invoice, { created: now() - 25 }))
    assert.equal(await countMails(owner.email, /failed/), 1, 'a duplicate mailed again')

    const retried = { ...invoice, attempt_count: 2 }
    await delivered(client, stripeEvent('invoice.payment_failed', retried, { created: now() - 20 }))
    await lastMailTo(owner.email, { subject: /failed/ })
    assert.equal(await countMails(owner.email, /failed/), 2, 'the second attempt mails again')
    assert.equal(await countMails(owner.email, /are paused/), 1, 'still one fall into the gate')
  })

  test('falling into the gate mails once; a cancel with paid time left mails nothing', async ({
    client,
    assert,
  }) => {
    const unpaid = await subscribedStore(client)
    const object = subscriptionObject({
      id: unpaid.subscriptionId,
      customer: unpaid.customer,
      tenantId: unpaid.store.id,
      priceId: unpaid.plan.stripePriceId!,
      status: 'unpaid',
    })
    const event = stripeEvent('customer.subscription.updated', object, { created: now() - 10 })
    await delivered(client, event)
    const mail = await lastMailTo(unpaid.members.finance.email, { subject: /are paused/ })
    assert.exists(mail, 'no writes-paused mail reached finance')
    assert.include(mail!.text, 'Unpaid')
    await deliver(client, event)
    assert.equal(await countMails(unpaid.owner.email, /are paused/), 1)

    const canceling = await subscribedStore(client)
    const canceled = subscriptionObject({
      id: canceling.subscriptionId,
      customer: canceling.customer,
      tenantId: canceling.store.id,
      priceId: canceling.plan.stripePriceId!,
      status: 'canceled',
    })
    await delivered(
      client,
      stripeEvent('customer.subscription.deleted', canceled, { created: now() - 10 })
    )
    assert.equal(await countMails(canceling.owner.email, /are paused/), 0)
  })
})

test.group('Billing | dunning mails at the end of a canceled period', () => {
  test('Stripe ending a canceled subscription at its period end pauses writes and mails once', async ({
    client,
    assert,
  }) => {
    const store = await subscribedStore(client)
    const ended = subscriptionObject({
      id: store.subscriptionId,
      customer: store.customer,
      tenantId: store.store.id,
      priceId: store.plan.stripePriceId!,
      status: 'canceled',
    })
    // Stripe deletes a subscription canceled at period end when that period is over
    Object.assign(ended.items.data[0], {
      current_period_start: now() - 31 * 86_400,
      current_period_end: now() - 60,
    })
    const event = stripeEvent('customer.subscription.deleted', ended, { created: now() - 5 })
    await delivered(client, event)
    const mail = await lastMailTo(store.owner.email, { subject: /are paused/ })
    assert.exists(mail, 'no writes-paused mail at the end of the paid period')
    assert.include(mail!.text, 'Canceled')
    await deliver(client, event)
    assert.equal(await countMails(store.owner.email, /are paused/), 1)
  })
})

test.group('Billing | the dashboard banner', () => {
  test('a trial ending within three days is announced with the billing link, in both languages', async ({
    client,
    assert,
  }) => {
    const { store, owner } = await createStore({ plan: 'free' })
    await inState(store, {
      status: 'trialing',
      trialEndsAt: DateTime.utc().plus({ days: 2, hours: -1 }),
    })
    const page = await client.get('/dashboard').loginAs(owner)
    page.assertStatus(200)
    assert.match(page.text(), /class="banner" role="status">\s*Your trial ends in 2 days\./)
    assert.include(page.text(), `href="${BILLING}"`)
    const arabic = await client.get('/dashboard?lang=ar').loginAs(owner)
    assert.include(arabic.text(), 'تنتهي فترتك التجريبية بعد يومين')

    await inState(store, { trialEndsAt: DateTime.utc().plus({ days: 10 }) })
    const later = await client.get('/dashboard').loginAs(owner)
    assert.notInclude(later.text(), 'Your trial ends')
  })

  test('a failed payment asks for the payment method while writes are paused', async ({
    client,
    assert,
  }) => {
    const { store, members } = await createStore({ plan: 'free' })
    await inState(store, { status: 'past_due', currentPeriodEnd: DateTime.utc().plus({ days: 7 }) })
    const page = await client.get('/dashboard').loginAs(members.member)
    assert.match(
      page.text(),
      /class="banner" role="status">\s*Changes are paused: a payment failed/
    )
    assert.include(page.text(), 'Fix the payment method on the billing page')
    const arabic = await client.get('/dashboard?lang=ar').loginAs(members.member)
    assert.include(arabic.text(), 'تعذّر تحصيل دفعة')

    await inState(store, { status: 'unpaid' })
    const unpaid = await client.get('/dashboard').loginAs(members.member)
    assert.match(unpaid.text(), /class="banner" role="status">\s*Changes are paused until/)
  })
})
