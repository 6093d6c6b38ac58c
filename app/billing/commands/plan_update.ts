import { args, flags } from '@adonisjs/core/ace'
import { BillingCommand, describeLimits } from '../services/billing_command.js'

export default class PlanUpdate extends BillingCommand {
  static commandName = 'plan:update'
  static description = 'Change a plan; only the flags given change'

  @args.string({ description: 'The plan code' })
  declare code: string

  @flags.string({ description: 'Name shown to merchants' })
  declare name?: string

  @flags.string({ description: 'Monthly price as typed, e.g. 29.00' })
  declare price?: string

  @flags.string({ description: 'ISO 4217 currency (give --price with it)' })
  declare currency?: string

  @flags.string({ description: 'The Stripe price id (price_…), or "none" to unlink' })
  declare stripePrice?: string

  @flags.string({ description: 'Days of trial' })
  declare trialDays?: string

  @flags.array({ description: 'A limit, repeatable: projects=3, tasks=unlimited …' })
  declare limit?: string[]

  async run() {
    const { UpdatePlan } = await import('../operations/save_plan.js')
    await this.refusingBadInput(async () => {
      const plan = await new UpdatePlan().handle(this.code, {
        name: this.name,
        price: this.price,
        currency: this.currency,
        stripePrice: this.stripePrice,
        trialDays: this.trialDays,
        limits: this.limit,
      })
      this.logger.success(`Updated plan ${plan.code} (${describeLimits(plan.limits)})`)
    })
  }
}
