import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class TenantList extends BaseCommand {
  static commandName = 'tenant:list'
  static description = 'List every store with its status, members and creation date'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { listTenantsWithMembers } = await import('../services/platform_directory.js')
    const tenants = await listTenantsWithMembers()
    const table = this.ui.table()
    table.head(['Slug', 'Name', 'Status', 'Members', 'Created'])
    for (const tenant of tenants) {
      table.row([
        tenant.slug,
        tenant.name,
        tenant.status,
        String(tenant.members.length),
        tenant.createdAt.toISOString().slice(0, 10),
      ])
    }
    table.render()
    this.logger.info(`${tenants.length} store(s)`)
  }
}
