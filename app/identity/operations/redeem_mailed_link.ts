import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import emitter from '@adonisjs/core/services/emitter'
import { Invalid, clock } from '#core/mod'
import User from '../models/user.js'
import type { LoginTokenPurpose } from '../models/login_token.js'
import { findOpenLink, spendLink } from '../services/mailed_links.js'
import { say } from '../messages.js'

export interface RedeemMailedLinkInput {
  token: string
  purpose: LoginTokenPurpose
  /**
   * For an address not proven yet whose account has a password: typing that
   * password keeps it. Without it the password is removed, since whoever
   * set it may not own the address.
   */
  password?: string | null
}

/**
 * Spends a magic link or a verification link (its explicit POST, never the
 * GET a mail scanner makes) and returns the account it belongs to. The
 * first such proof that the owner controls the address marks it verified;
 * a password set before that, unless its setter typed it again here, is
 * removed and every session opened so far ends (the session epoch grows),
 * with the account's API tokens: an account someone else created with this
 * address before its owner arrived is the owner's alone from now on.
 */
export default class RedeemMailedLink {
  /**
   * `within` is a transaction already open (the store's unit of work of an
   * API token issued from the link), so the link is spent only if that
   * commits too.
   */
  async handle(
    { token, purpose, password }: RedeemMailedLinkInput,
    within?: TransactionClientContract
  ) {
    const { user } = await findOpenLink(token, purpose)
    const keepsPassword = await this.#passwordConfirmed(user, password)

    const inTransaction = <T>(work: (trx: TransactionClientContract) => Promise<T>) =>
      within ? work(within) : db.transaction(work)
    return inTransaction(async (trx) => {
      const userId = await spendLink(trx, token, purpose)
      const account = await User.query({ client: trx })
        .where('id', userId)
        .forUpdate()
        .firstOrFail()
      if (account.isVerified) return { user: account, passwordCleared: false }

      const passwordCleared = account.password !== null && !keepsPassword
      await User.query({ client: trx })
        .where('id', account.id)
        .update({
          email_verified_at: clock.now().toSQL(),
          ...(passwordCleared ? { password: null, session_epoch: account.sessionEpoch + 1 } : {}),
        })
      const revoked: { id: string }[] = passwordCleared
        ? await trx
            .from('api_tokens')
            .where('user_id', account.id)
            .whereNull('revoked_at')
            .update({ revoked_at: clock.now().toSQL() })
            .returning('id')
        : []
      await emitter.emit('user:email_verified', {
        userId: account.id,
        email: account.email,
        passwordCleared,
        revokedTokenIds: revoked.map((row) => row.id),
      })
      await account.refresh()
      return { user: account, passwordCleared }
    })
  }

  async #passwordConfirmed(user: User, password?: string | null) {
    if (user.isVerified || !user.password || !password) return false
    if (await user.verifyPassword(password)) return true
    throw new Invalid(say('identity.verification.wrong_password'), 'password')
  }
}
