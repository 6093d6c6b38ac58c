import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Shared body of the commands that act on one store by its slug, so each
 * reports "no such store" and failures the same way.
 */
export abstract class StoreCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The store address (slug)' })
  declare slug: string

  protected async onStore(action: (slug: string) => Promise<string>) {
    const { NotFound } = await import('#core/mod')
    try {
      this.logger.success(await action(this.slug.trim().toLowerCase()))
    } catch (error) {
      if (!(error instanceof NotFound)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
