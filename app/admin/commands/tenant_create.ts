import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import vine from '@vinejs/vine'

export default class TenantCreate extends BaseCommand {
  static commandName = 'tenant:create'
  static description = 'Create a store with its owner (the same provisioning as sign-up)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Store name', required: true })
  declare name: string

  @flags.string({ description: 'Store address (becomes <slug>.<host>)', required: true })
  declare slug: string

  @flags.string({ description: 'Owner email; an existing user is attached', required: true })
  declare ownerEmail: string

  @flags.string({ description: 'Blueprint: classic, boutique or souq' })
  declare blueprint?: string

  async run() {
    const { newTenantRules } = await import('#tenancy/mod')
    const { provisionStore } = await import('#identity/mod')
    const { fieldErrorsOf } = await import('#core/mod')
    const validator = vine.compile(
      vine.object({
        name: newTenantRules.name,
        slug: newTenantRules.slug,
        blueprint: newTenantRules.blueprint,
        ownerEmail: vine.string().trim().toLowerCase().email(),
      })
    )
    try {
      const input = await validator.validate({
        name: this.name,
        slug: this.slug,
        blueprint: this.blueprint,
        ownerEmail: this.ownerEmail,
      })
      const { tenant, owner } = await provisionStore({
        name: input.name,
        slug: input.slug,
        blueprint: input.blueprint,
        owner: { email: input.ownerEmail },
        existingOwner: 'attach',
      })
      this.logger.success(`Created store "${tenant.name}" (${tenant.slug}) owned by ${owner.email}`)
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error)
      if (!fieldErrors) throw error
      for (const { field, message } of fieldErrors) {
        this.logger.error(field ? `--${field}: ${message}` : message)
      }
      this.exitCode = 1
    }
  }
}
