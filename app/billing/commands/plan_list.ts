import { BillingCommand, describeLimits } from '../services/billing_command.js'

export default class PlanList extends BillingCommand {
  static commandName = 'plan:list'
  static description = 'List the plans with their price, Stripe price, trial and limits'

  async run() {
    const { formatMoney } = await import('#core/mod')
    const { default: Plan } = await import('../models/plan.js')
    const plans = await Plan.query().orderBy('monthly_price_amount', 'asc').orderBy('code', 'asc')
    const table = this.ui.table()
    table.head(['Code', 'Name', 'Monthly', 'Stripe price', 'Trial days', 'Limits', 'Archived'])
    for (const plan of plans) {
      table.row([
        plan.code,
        plan.name,
        formatMoney(plan.monthlyPrice, 'en'),
        plan.stripePriceId ?? '-',
        String(plan.trialDays),
        describeLimits(plan.limits),
        plan.archivedAt ? plan.archivedAt.toISODate()! : '-',
      ])
    }
    table.render()
    this.logger.info(`${plans.length} plan(s)`)
  }
}
