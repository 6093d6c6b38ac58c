import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const DURATION = /^(\d{1,3})d$/

export default class TokenCreate extends BaseCommand {
  static commandName = 'token:create'
  static description = 'Create an API token for a member of a store and print it once'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Store address (slug)', required: true })
  declare tenant: string

  @flags.string({ description: 'Email of a member of that store', required: true })
  declare email: string

  @flags.array({
    description: 'Abilities, comma separated (e.g. store:read,catalog:read)',
    required: true,
  })
  declare abilities: string[]

  @flags.string({ description: 'Lifetime in days, e.g. 30d (default: never expires)' })
  declare expiresIn?: string

  @flags.string({ description: 'A name to recognise the token by' })
  declare name?: string

  #fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }

  async run() {
    const { tenantDirectory, withTenant } = await import('#tenancy/mod')
    const { User, Membership, tokenAbilityNames, issueApiToken } = await import('#identity/mod')
    const { NotAllowed } = await import('#core/mod')

    const abilities = this.abilities.flatMap((value) => value.split(',')).map((a) => a.trim())
    const known = tokenAbilityNames()
    const unknown = abilities.filter((ability) => !known.includes(ability))
    if (abilities.length === 0 || unknown.length > 0) {
      return this.#fail(
        `Unknown abilities: ${unknown.join(', ') || '(none given)'}. Known: ${known.join(', ')}`
      )
    }
    let expiresInDays: number | null = null
    if (this.expiresIn) {
      const match = DURATION.exec(this.expiresIn.trim())
      if (!match || Number(match[1]) < 1 || Number(match[1]) > 365) {
        return this.#fail(`--expires-in takes a number of days from 1d to 365d, e.g. 30d`)
      }
      expiresInDays = Number(match[1])
    }
    const store = await tenantDirectory.findBySlug(this.tenant.trim().toLowerCase())
    if (!store) return this.#fail(`No store with the address "${this.tenant}"`)
    const user = await User.findBy('email', this.email.trim().toLowerCase())
    if (!user) return this.#fail(`No user with the email ${this.email}`)

    try {
      const plain = await withTenant(store, async () => {
        const membership = await Membership.findBy('userId', user.id)
        if (!membership) throw new NotAllowed(`${user.email} is not a member of ${store.slug}`)
        const issued = await issueApiToken(
          membership,
          { name: this.name ?? 'cli', abilities: abilities as any, expiresInDays },
          { issuedByOperator: true }
        )
        return issued.plain
      })
      this.logger.success(`Token for ${user.email} on ${store.slug} (shown once):`)
      this.logger.log(plain)
    } catch (error) {
      if (!(error instanceof NotAllowed)) throw error
      this.#fail(error.message)
    }
  }
}
