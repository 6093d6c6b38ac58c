import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { TEST_SERVER } from '#tests/helpers'
import DemoBilling from '#billing/commands/demo_billing'
import Plan from '#billing/models/plan'
import { resetThrottle } from '../identity/support.js'
import { logsOf, runAce } from './support.js'

test.group('node ace demo:billing', (group) => {
  group.each.setup(async () => {
    await resetThrottle('signUp')
    await resetThrottle('magicLink')
    // The demo gives pro a Stripe price when it has none; other tests expect the seeded plan
    const pro = await Plan.findByOrFail('code', 'pro')
    const seeded = pro.stripePriceId
    return async () => {
      pro.stripePriceId = seeded
      await pro.save()
    }
  })

  test('runs the teams-API demo against the app, printing each step, and leaves the store on pro', async ({
    assert,
  }) => {
    const command = await runAce(DemoBilling, ['--url', TEST_SERVER])
    const logs = logsOf(command)
    assert.equal(command.exitCode ?? 0, 0, logs)
    for (const step of [
      '1. Signed up',
      '2. Confirmed the address',
      '3. Signed in by magic link',
      '4. Invited a teammate',
      '5. Three projects made; the fourth refused (402)',
      '6. Upgraded to pro',
      '7. The fourth project is allowed now',
      '8. Created a task',
      '9. Listed the tasks: Write the launch post',
    ]) {
      assert.include(logs, step)
    }
    const slug = /store (team-[0-9a-f]{6})/.exec(logs)![1]
    const store = await db.from('tenants').where('slug', slug).firstOrFail()
    const subscription = await db
      .connection('platform')
      .from('subscriptions')
      .join('plans', 'plans.id', 'subscriptions.plan_id')
      .where('subscriptions.tenant_id', store.id)
      .select('plans.code', 'subscriptions.status')
      .firstOrFail()
    assert.deepEqual({ ...subscription }, { code: 'pro', status: 'active' })
    const projects = await db
      .connection('platform')
      .from('projects')
      .where('tenant_id', store.id)
      .count('* as count')
    assert.equal(Number(projects[0].count), 4)
  }).timeout(60_000)

  test('refuses plainly when the app does not answer', async ({ assert }) => {
    const command = await runAce(DemoBilling, ['--url', 'http://127.0.0.1:9'])
    assert.equal(command.exitCode, 1)
    assert.include(logsOf(command), 'The app does not answer at http://127.0.0.1:9')
  })
})
