import { flags } from '@adonisjs/core/ace'
import { BillingCommand, describeLimits } from '../services/billing_command.js'

export default class PlanCreate extends BillingCommand {
  static commandName = 'plan:create'
  static description = 'Create a plan: monthly price, optional Stripe price, trial and limits'

  @flags.string({ description: 'Unique code, e.g. business', required: true })
  declare code: string

  @flags.string({ description: 'Name shown to merchants', required: true })
  declare name: string

  @flags.string({ description: 'Monthly price as typed, e.g. 29.00', required: true })
  declare price: string

  @flags.string({ description: 'ISO 4217 currency, e.g. USD', required: true })
  declare currency: string

  @flags.string({ description: 'The Stripe price id that bills this plan (price_…)' })
  declare stripePrice?: string

  @flags.string({ description: 'Days of trial (default 0)' })
  declare trialDays?: string

  @flags.array({ description: 'A limit, repeatable: projects=3, tasks=unlimited …' })
  declare limit?: string[]

  async run() {
    const { CreatePlan } = await import('../operations/save_plan.js')
    await this.refusingBadInput(async () => {
      const plan = await new CreatePlan().handle({
        code: this.code,
        name: this.name,
        price: this.price,
        currency: this.currency,
        stripePrice: this.stripePrice,
        trialDays: this.trialDays,
        limits: this.limit,
      })
      this.logger.success(`Created plan ${plan.code} (${describeLimits(plan.limits)})`)
    })
  }
}
