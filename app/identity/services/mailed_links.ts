import mail from '@adonisjs/mail/services/main'
import type { DurationLikeObject } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { NotFound, clock, platformUrl, randomToken, sha256 } from '#core/mod'
import User from '../models/user.js'
import LoginToken, { type LoginTokenPurpose } from '../models/login_token.js'
import LinkMail from '../mails/link_mail.js'
import { LinkSpent } from '../errors.js'
import { say } from '../messages.js'

/**
 * Single-use links mailed to an address: a magic link signs in, a
 * verification link proves the address. Both are random, stored only as a
 * hash, expire, and are spent by an explicit POST from the page the link
 * opens (a mail scanner's GET or HEAD spends nothing).
 */
const KINDS: Record<
  LoginTokenPurpose,
  { lifetime: DurationLikeObject; page: string; mail: 'magic_link' | 'verification' }
> = {
  sign_in: { lifetime: { minutes: 15 }, page: 'magic_links.show', mail: 'magic_link' },
  verify_email: { lifetime: { hours: 24 }, page: 'email_verifications.show', mail: 'verification' },
}

function spent(purpose: LoginTokenPurpose) {
  return LinkSpent.of(purpose, say(`identity.${KINDS[purpose].mail}.spent`))
}

async function openLink(user: User, purpose: LoginTokenPurpose) {
  const token = randomToken()
  await LoginToken.create({
    userId: user.id,
    purpose,
    tokenHash: sha256(token),
    expiresAt: clock.now().plus(KINDS[purpose].lifetime),
  })
  return { token, url: platformUrl(KINDS[purpose].page, { token }) }
}

/** Creates a link for `user` and returns its absolute URL */
export async function issueLink(user: User, purpose: LoginTokenPurpose) {
  const { url } = await openLink(user, purpose)
  return url
}

/**
 * Mails `user` a link of that kind, through the queue, and returns the
 * link's token (outside production, the JSON API hands it to scripts).
 */
export async function mailLink(user: User, purpose: LoginTokenPurpose, locale: string) {
  const { token, url } = await openLink(user, purpose)
  await mail.sendLater(new LinkMail(user.email, KINDS[purpose].mail, url, locale))
  return token
}

/**
 * Reads a link without spending it, for the page it opens: 404 when no such
 * link exists, 410 when it was used or has expired.
 */
export async function findOpenLink(token: string, purpose: LoginTokenPurpose) {
  const link = await LoginToken.query()
    .where('token_hash', sha256(token))
    .where('purpose', purpose)
    .first()
  if (!link) throw new NotFound(say('identity.links.unknown'))
  if (!link.isUsableAt(clock.now())) throw spent(purpose)
  const user = await User.find(link.userId)
  if (!user) throw new NotFound(say('identity.links.unknown'))
  return { link, user }
}

/**
 * Spends a link inside `trx`: the conditional update lets exactly one
 * request use it, however many arrive at once. Returns the user's id.
 */
export async function spendLink(
  trx: TransactionClientContract,
  token: string,
  purpose: LoginTokenPurpose
) {
  const now = clock.now().toSQL()!
  const rows: { user_id: string }[] = await trx
    .from('login_tokens')
    .where('token_hash', sha256(token))
    .where('purpose', purpose)
    .whereNull('used_at')
    .where('expires_at', '>', now)
    .update({ used_at: now })
    .returning('user_id')
  if (rows.length === 0) throw spent(purpose)
  return rows[0].user_id
}

/**
 * Mails a link to the account of `email`, if there is one (and, for a
 * verification link, if its address is not proven yet). Anyone else gets the
 * same answer and no mail, so the form does not reveal who has an account.
 */
export async function mailLinkToAddress(
  email: string,
  purpose: LoginTokenPurpose,
  locale: string
): Promise<string | null> {
  const user = await User.findBy('email', email.trim().toLowerCase())
  if (!user || (purpose === 'verify_email' && user.isVerified)) return null
  return mailLink(user, purpose, locale)
}
