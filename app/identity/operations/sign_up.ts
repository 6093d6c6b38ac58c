import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import { Conflict, platformUrl } from '#core/mod'
import { tenantDirectory } from '#tenancy/mod'
import User from '../models/user.js'
import AccountExistsMail from '../mails/account_exists_mail.js'
import { provisionStore } from '../services/provision_store.js'
import { issueLink, mailLink } from '../services/mailed_links.js'
import { say } from '../messages.js'

export interface SignUpInput {
  fullName: string
  email: string
  password: string
  storeName: string
  slug: string
  blueprint?: string
  /** The language of the store and of the mail */
  locale: string
}

function isTakenEmail(error: unknown) {
  if (error instanceof Conflict) return error.field === 'email'
  const pgError = error as { code?: string; constraint?: string }
  return pgError.code === '23505' && (pgError.constraint ?? '').includes('email')
}

/**
 * A merchant signs up: the store, the (unverified) owner account and its
 * membership come to exist at once, and the address is mailed a link that
 * proves it and opens the dashboard. An address that already has an
 * account gets a mail saying so instead and nothing is created; the caller
 * answers both the same way, so sign-up does not tell who has an account.
 * A taken store address is refused either way (stores are public).
 */
export default class SignUp {
  async handle(input: SignUpInput) {
    const email = input.email.trim().toLowerCase()
    if (await tenantDirectory.findBySlug(input.slug)) {
      throw new Conflict(say('identity.errors.slug_taken', { slug: input.slug }), 'slug')
    }
    if (!(await User.findBy('email', email))) {
      try {
        const { owner } = await provisionStore({
          name: input.storeName,
          slug: input.slug,
          blueprint: input.blueprint,
          locale: input.locale,
          owner: { email, fullName: input.fullName, password: input.password },
          existingOwner: 'refuse',
        })
        await mailLink(owner, 'verify_email', input.locale)
        return
      } catch (error) {
        if (!isTakenEmail(error)) throw error
      }
    }
    await this.#tellExistingAccount(email, input.password, input.locale)
  }

  async #tellExistingAccount(email: string, password: string, locale: string) {
    // as long as creating the account would have taken
    await hash.make(password)
    const user = await User.findByOrFail('email', email)
    const verificationUrl = user.isVerified ? null : await issueLink(user, 'verify_email')
    await mail.sendLater(
      new AccountExistsMail(email, platformUrl('sessions.create'), verificationUrl, locale)
    )
  }
}
