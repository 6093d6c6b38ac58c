import {
  Membership,
  issueApiToken,
  roleMayGrant,
  tokenAbilityNames,
  type TokenAbility,
  type User,
} from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'

/**
 * A token of `user` in `store`, carrying `abilities` (by default every one
 * the user's role may hold, as `POST /api/v1/auth/redeem` issues it).
 */
export function tokenFor(store: TenantSnapshot, user: User, abilities?: TokenAbility[]) {
  return withTenant(store, async () => {
    const membership = await Membership.findByOrFail('userId', user.id)
    const granted =
      abilities ?? tokenAbilityNames().filter((ability) => roleMayGrant(membership.role, ability))
    const { plain } = await issueApiToken(membership, { name: 'script', abilities: granted })
    return plain
  })
}

/** A JSON API request with a bearer token (and a JSON body, when given) */
export function bearer(
  client: any,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  url: string,
  token: string,
  body?: object
) {
  const request = client[method](url).header('authorization', `Bearer ${token}`)
  return body ? request.json(body) : request
}

/**
 * Follows `nextCursor` from `url` (with `?limit=`), from `cursor` or the
 * first page, to the end; each page's data in order.
 */
export async function walkPages(
  client: any,
  url: string,
  token: string,
  cursor: string | null = null,
  maxPages = 20
) {
  const pages: any[][] = []
  do {
    const separator = url.includes('?') ? '&' : '?'
    const response = await bearer(
      client,
      'get',
      cursor ? `${url}${separator}cursor=${cursor}` : url,
      token
    )
    response.assertStatus(200)
    pages.push(response.body().data)
    cursor = response.body().nextCursor
  } while (cursor && pages.length < maxPages)
  return pages
}
