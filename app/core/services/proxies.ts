import proxyAddr from 'proxy-addr'

export type TrustProxy = (address: string, hop: number) => boolean

/**
 * Which peers may speak for the client through `X-Forwarded-For`, `-Host`
 * and `-Proto`: a comma-separated list of addresses, CIDR ranges, or
 * proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). An empty
 * list trusts no one, so a client cannot pick its own IP (and walk past
 * every rate limit) or its own host (and be served another store).
 */
export function trustProxyFrom(list: string | undefined): TrustProxy {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  try {
    return proxyAddr.compile(entries)
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES: ${(error as Error).message} (in "${list}")`)
  }
}
