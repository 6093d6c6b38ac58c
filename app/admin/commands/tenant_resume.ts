import { StoreCommand } from '../services/store_command.js'

export default class TenantResume extends StoreCommand {
  static commandName = 'tenant:resume'
  static description = 'Resume a suspended store'

  async run() {
    const { resumeTenant } = await import('#tenancy/mod')
    await this.onStore(async (slug) => {
      const tenant = await resumeTenant(slug)
      return `Resumed ${tenant.slug}`
    })
  }
}
