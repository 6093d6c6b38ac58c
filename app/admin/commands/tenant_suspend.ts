import { StoreCommand } from '../services/store_command.js'

export default class TenantSuspend extends StoreCommand {
  static commandName = 'tenant:suspend'
  static description =
    'Suspend a store: its storefront answers 503 and its dashboard turns read-only'

  async run() {
    const { SuspendStore } = await import('#tenancy/mod')
    await this.onStore(async (slug) => {
      const tenant = await new SuspendStore().handle(slug)
      return `Suspended ${tenant.slug}`
    })
  }
}
