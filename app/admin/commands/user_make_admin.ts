import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class UserMakeAdmin extends BaseCommand {
  static commandName = 'user:make-admin'
  static description = 'Make an existing user a platform admin'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email of the user' })
  declare email: string

  async run() {
    const { User } = await import('#identity/mod')
    const user = await User.findBy('email', this.email.trim().toLowerCase())
    if (!user) {
      this.logger.error(`No user with the email ${this.email}`)
      this.exitCode = 1
      return
    }
    user.isPlatformAdmin = true
    await user.save()
    this.logger.success(`${user.email} is now a platform admin`)
  }
}
