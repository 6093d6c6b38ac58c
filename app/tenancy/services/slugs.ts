/**
 * Slugs become host names (`<slug>.bazaar.example`) and path segments, so
 * they follow DNS label rules and may not shadow the platform's own names.
 */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/

export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'billing',
  'blog',
  'cdn',
  'dashboard',
  'dev',
  'docs',
  'help',
  'mail',
  'health',
  'ready',
  'login',
  'logout',
  'signin',
  'signup',
  'static',
  'status',
  'store',
  'stores',
  'support',
  'www',
  'webhooks',
  's',
  'bazaar',
  'root',
  'system',
  'ftp',
  'smtp',
])

export function isReservedSlug(slug: string) {
  return RESERVED_SLUGS.has(slug)
}
