import { args } from '@adonisjs/core/ace'
import { BillingCommand } from '../services/billing_command.js'

export default class BillingSetPlan extends BillingCommand {
  static commandName = 'billing:set-plan'
  static description = 'Put a store on a plan (active), without Stripe'

  @args.string({ description: 'The store address (slug)' })
  declare slug: string

  @args.string({ description: 'The plan code' })
  declare planCode: string

  async run() {
    const { tenantDirectory } = await import('#tenancy/mod')
    const { default: SetPlan } = await import('../operations/set_plan.js')
    await this.refusingBadInput(async () => {
      const store = await tenantDirectory.findBySlug(this.slug.trim().toLowerCase())
      if (!store) return this.fail(`No store with the address "${this.slug}"`)
      const { plan } = await new SetPlan().handle(store, this.planCode.trim().toLowerCase())
      this.logger.success(`${store.slug} is now on ${plan.code} (active)`)
    })
  }
}
