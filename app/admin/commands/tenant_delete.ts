import { flags } from '@adonisjs/core/ace'
import { StoreCommand } from '../services/store_command.js'

export default class TenantDelete extends StoreCommand {
  static commandName = 'tenant:delete'
  static description = 'Delete a store and everything it owns (asks to confirm unless --force)'

  @flags.boolean({ description: 'Do not ask for confirmation' })
  declare force: boolean

  async run() {
    if (!this.force) {
      const confirmed = await this.prompt.confirm(
        `Delete store "${this.slug}" and all of its data? This cannot be undone`
      )
      if (!confirmed) {
        this.logger.info('Nothing deleted')
        return
      }
    }
    const { DeleteStore } = await import('#tenancy/mod')
    await this.onStore(async (slug) => {
      const tenant = await new DeleteStore().handle(slug)
      return `Deleted ${tenant.slug}`
    })
  }
}
