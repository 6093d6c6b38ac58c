import { StoreCommand } from '../services/store_command.js'

export default class TenantResume extends StoreCommand {
  static commandName = 'tenant:resume'
  static description = 'Resume a suspended store'

  async run() {
    const { ResumeStore } = await import('#tenancy/mod')
    await this.onStore(async (slug) => {
      const tenant = await new ResumeStore().handle(slug)
      return `Resumed ${tenant.slug}`
    })
  }
}
