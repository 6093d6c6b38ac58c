import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Invalid } from '#core/mod'
import { currentClient, withTenant } from '#tenancy/mod'
import Membership from '../models/membership.js'
import { roleMayGrant, tokenAbilityNames, type TokenAbility } from '../roles.js'
import { findOpenLink } from '../services/mailed_links.js'
import { storesOf, type UserStore } from '../services/user_stores.js'
import { ensureStoreAcceptsChanges } from '../services/suspension.js'
import RedeemMailedLink from './redeem_mailed_link.js'
import IssueApiToken from './issue_api_token.js'
import { say } from '../messages.js'

export interface RedeemLinkForApiTokenInput {
  /** The token of a sign-in link, as mailed */
  token: string
  /** The store's slug; may be left out by a member of exactly one store */
  store?: string
  /** Default: every ability the holder's role allows */
  abilities?: TokenAbility[]
  name?: string
  expiresInDays?: number
}

/** The store the token is for: the one named, or the only one the account belongs to */
function chosenStore(stores: UserStore[], slug: string | undefined) {
  if (slug) {
    const store = stores.find((candidate) => candidate.slug === slug)
    if (!store) throw new Invalid(say('api.redeem.store_unknown', { slug }), 'store')
    return store
  }
  if (stores.length === 1) return stores[0]
  if (stores.length === 0) throw new Invalid(say('api.redeem.no_store'), 'store')
  const slugs = stores.map((store) => store.slug).join(', ')
  throw new Invalid(say('api.redeem.store_required', { slugs }), 'store')
}

/**
 * Spends a sign-in link for an API token instead of a session: the script
 * that asked for the link proves the address the same way a person does.
 * The link is spent and the token issued in the store's one transaction, so
 * a refused token (abilities beyond the role, the per-member cap) leaves
 * the link usable, and of requests racing with one link exactly one wins.
 */
export default class RedeemLinkForApiToken {
  async handle(input: RedeemLinkForApiTokenInput) {
    const { user } = await findOpenLink(input.token, 'sign_in')
    const store = chosenStore(await storesOf(user.id), input.store)
    ensureStoreAcceptsChanges(store)

    return withTenant(store, async () => {
      const { user: account } = await new RedeemMailedLink().handle(
        { token: input.token, purpose: 'sign_in' },
        currentClient() as TransactionClientContract
      )
      const holder = await Membership.findByOrFail('userId', account.id)
      const abilities =
        input.abilities ??
        tokenAbilityNames().filter((ability) => roleMayGrant(holder.role, ability))
      const issued = await new IssueApiToken().handle(holder, {
        name: input.name ?? say('api.redeem.default_name'),
        abilities,
        expiresInDays: input.expiresInDays ?? null,
      })
      return { ...issued, store }
    })
  }
}
