import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Shared body of billing's operator commands: a refusal a person can act
 * on (bad input, no such plan or store) is printed and exits 1; anything
 * else is a bug and is thrown.
 */
export abstract class BillingCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  protected fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }

  protected async refusingBadInput(action: () => Promise<void>) {
    const { fieldErrorsOf, NotFound } = await import('#core/mod')
    try {
      await action()
    } catch (error) {
      if (error instanceof NotFound) return this.fail(error.message)
      const fieldErrors = fieldErrorsOf(error)
      if (!fieldErrors) throw error
      for (const { message } of fieldErrors) this.fail(message)
    }
  }
}

/** "3 projects, 100 tasks, unlimited members…", for an operator's table */
export function describeLimits(limits: Record<string, number | null>) {
  return Object.entries(limits)
    .map(([key, value]) => `${key}=${value === null ? 'unlimited' : value}`)
    .join(' ')
}
