/**
 * The pure rules of visit tracking: who is a robot, what kind of device a
 * browser runs on, and where a visit came from. No I/O here, so the rules
 * are tested as tables.
 */

export type DeviceClass = 'mobile' | 'tablet' | 'desktop'

export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const
export type UtmField = (typeof UTM_FIELDS)[number]
export type Utm = Record<UtmField, string | null>

/** Where a landing came from: the source, medium and campaign reports group by */
export interface Touch {
  source: string
  medium: string
  campaign: string | null
}

export const DIRECT = 'direct'

/**
 * Crawlers, link previewers, uptime checks, scripts and automated browsers.
 * Lighthouse and HeadlessChrome count as robots: they are audits and tests
 * (PageSpeed, CI, our own browser suite), not shoppers, and would otherwise
 * show up as "direct" visits that never buy.
 */
const ROBOT =
  /bot\b|bot\/|crawl|spider|slurp|archiver|headless|lighthouse|pagespeed|phantomjs|puppeteer|playwright|selenium|webdriver|curl\/|wget\/|httpie|python-|aiohttp|go-http-client|java\/|okhttp|libwww|scrapy|axios\/|node-fetch|undici|postmanruntime|insomnia|monitor|pingdom|uptime|statuscake|site24x7|facebookexternalhit|embedly|preview|validator|autocannon|superagent|^mozilla\/5\.0$/i

export function isRobot(userAgent: string | null | undefined): boolean {
  const agent = (userAgent ?? '').trim()
  // browsers always say who they are; an empty or one-word agent is a script
  if (agent.length < 10) return true
  return ROBOT.test(agent)
}

export function deviceClassOf(userAgent: string | null | undefined): DeviceClass {
  const agent = userAgent ?? ''
  if (/ipad|tablet|kindle|silk\/|playbook|nexus (7|9|10)|sm-t\d/i.test(agent)) return 'tablet'
  if (/android/i.test(agent) && !/mobile/i.test(agent)) return 'tablet'
  if (/mobi|iphone|ipod|android|windows phone|blackberry|opera mini|iemobile/i.test(agent)) {
    return 'mobile'
  }
  return 'desktop'
}

/** Control characters, and more than `max` characters, never reach the reports */
export function cleanText(value: unknown, max = 150): string | null {
  if (typeof value !== 'string') return null
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return text ? text.slice(0, max) : null
}

/** The UTM parameters of a landing URL's query; source and medium in lower case so "Google" groups with "google" */
export function utmOf(query: Record<string, unknown>): Utm {
  const utm = {} as Utm
  for (const field of UTM_FIELDS) {
    const raw = query[`utm_${field}`]
    const value = cleanText(Array.isArray(raw) ? raw[0] : raw)
    utm[field] = value && (field === 'source' || field === 'medium') ? value.toLowerCase() : value
  }
  return utm
}

/** The host of a `Referer` header (no path, no query: they may carry a shopper's search), without `www.` */
export function referrerHostOf(referrer: string | null | undefined): string | null {
  if (!referrer) return null
  try {
    const url = new URL(referrer)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return (
      url.hostname
        .toLowerCase()
        .replace(/^www\./, '')
        .slice(0, 255) || null
    )
  } catch {
    return null
  }
}

export interface Arrival {
  utm: Utm
  referrerHost: string | null
  /** The store's own host names: a referrer among them is a click inside the store */
  ownHosts: string[]
  /**
   * `Sec-Fetch-Site: same-origin`: the browser came from the store's own
   * pages. The store sends no referrer, so this is how a click inside it is
   * told from an address typed in.
   */
  sameOrigin: boolean
}

/**
 * Where a page view came from, or null when the shopper came from the
 * store's own pages (a view inside a visit, not the start of one). The
 * source is `utm_source`, else the referring site, else "direct".
 */
export function touchOf({ utm, referrerHost, ownHosts, sameOrigin }: Arrival): Touch | null {
  if (utm.source) {
    return { source: utm.source, medium: utm.medium ?? 'none', campaign: utm.campaign }
  }
  if (sameOrigin || (referrerHost && ownHosts.includes(referrerHost))) return null
  if (referrerHost) return { source: referrerHost, medium: 'referral', campaign: utm.campaign }
  return { source: DIRECT, medium: 'none', campaign: utm.campaign }
}
