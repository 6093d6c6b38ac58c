import env from '#start/env'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import { clock, randomToken, sha256 } from '#core/mod'
import User from '../models/user.js'
import LoginToken from '../models/login_token.js'
import MagicLinkMail from '../mails/magic_link_mail.js'

const LIFETIME_MINUTES = 15

/**
 * Mails a single-use sign-in link. An unknown address gets the same answer
 * and no mail, so the form does not reveal who has an account.
 */
export async function sendMagicLink(email: string, locale: string) {
  const user = await User.findBy('email', email.trim().toLowerCase())
  if (!user) return
  const token = randomToken()
  await LoginToken.create({
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt: clock.now().plus({ minutes: LIFETIME_MINUTES }),
  })
  const url = `${env.get('APP_URL')}/magic-links/${token}`
  await mail.sendLater(new MagicLinkMail(user.email, url, locale))
}

/**
 * Spends a link: the conditional update lets exactly one request use it,
 * however many arrive at once.
 */
export async function redeemMagicLink(token: string): Promise<User | null> {
  const result = await db
    .from('login_tokens')
    .where('token_hash', sha256(token))
    .whereNull('used_at')
    .where('expires_at', '>', clock.now().toSQL()!)
    .update({ used_at: clock.now().toSQL() })
    .returning('user_id')
  const userId = (result[0] as { user_id: string } | undefined)?.user_id
  return userId ? User.find(userId) : null
}
