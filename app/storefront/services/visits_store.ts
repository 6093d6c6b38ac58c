import { createHmac, randomBytes } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import { clock } from '#core/mod'
import type { DeviceClass, Touch, Utm } from './visits_rules.js'

/** One page view as the request leaves it in Redis for the flush to write */
export interface VisitRecord {
  id: string
  tenantId: string
  at: string
  path: string
  touch: Touch | null
  utm: Utm
  referrerHost: string | null
  device: DeviceClass
  visitorId: string | null
  visitorHash: string
}

/** A touch with the moment it happened, as kept per visitor */
export interface TimedTouch extends Touch {
  at: string
}

export const QUEUE_KEY = 'storefront:visits:queue'
export const CLAIMED_KEY = 'storefront:visits:claimed'
const SALT_TTL_SECONDS = 2 * 24 * 60 * 60
/** A first-party visitor's touches are remembered for the attribution window */
export const TOUCH_TTL_SECONDS = 30 * 24 * 60 * 60
/** A cookieless visitor is known by the day's hash only, which means nothing after the day */
const HASHED_TOUCH_TTL_SECONDS = 26 * 60 * 60

/**
 * Visit recording rides the fail-fast connection (no retries, 300 ms
 * command timeout) and skips outright when it is not connected: a page is
 * never held up or failed because Redis is away.
 */
function fast() {
  return redis.connection('limiter')
}

/** Connected, or connecting for the first time; not while Redis is known to be away */
export function redisReady() {
  return !['reconnecting', 'close', 'end'].includes(fast().status)
}

const salts = new Map<string, string>()

/**
 * The salt of a UTC day: random, created by whichever process needs it
 * first, kept in Redis for two days and never written anywhere else, so
 * once it is gone a day's hashes cannot be tied back to an address.
 */
export async function saltOf(day: string): Promise<string> {
  const known = salts.get(day)
  if (known) return known
  const key = `storefront:visits:salt:${day}`
  await fast().set(key, randomBytes(32).toString('hex'), 'EX', SALT_TTL_SECONDS, 'NX')
  const salt = await fast().get(key)
  if (!salt) throw new Error('the visit salt could not be read back')
  salts.clear()
  salts.set(day, salt)
  return salt
}

export function utcDay() {
  return clock.now().toUTC().toISODate()!
}

/** A keyed hash of the address and browser: the same all day for one shopper, unlinkable across days */
export function visitorHashOf(salt: string, ip: string, userAgent: string) {
  return createHmac('sha256', salt).update(`${ip}\n${userAgent}`).digest('hex').slice(0, 32)
}

/** The one write a page view costs its request */
export async function enqueueVisit(record: VisitRecord) {
  await fast().rpush(QUEUE_KEY, JSON.stringify(record))
}

/**
 * Resolves once Redis has taken every record this process sent before the
 * call (one connection answers in order): for a flush right after a page.
 */
export async function visitsSent() {
  await fast().ping()
}

/**
 * Moves up to `limit` records from the queue to the claimed list and
 * returns everything claimed: records a crashed flush left there are
 * handed out again, and the flush inserts them by their own ids.
 */
const CLAIM = `
for i = 1, tonumber(ARGV[1]) do
  if not redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') then break end
end
return redis.call('LRANGE', KEYS[2], 0, -1)`

export async function claimVisits(limit: number): Promise<VisitRecord[]> {
  const raw = (await redis.eval(CLAIM, 2, QUEUE_KEY, CLAIMED_KEY, limit)) as string[]
  return raw.flatMap((text) => {
    try {
      return [JSON.parse(text) as VisitRecord]
    } catch {
      return []
    }
  })
}

export async function releaseClaimed(count: number) {
  await redis.ltrim(CLAIMED_KEY, count, -1)
}

export function touchKey(tenantId: string, visitor: string) {
  return `storefront:touches:${tenantId}:${visitor}`
}

/**
 * Keeps a visitor's first and last touch: the first is the earliest ever
 * seen, the last the latest, except that typing the address in (direct)
 * does not replace a campaign or a referring site (the usual "last
 * non-direct" rule). Comparing times makes a record flushed twice, or
 * late, change nothing.
 */
const TOUCH = `
local at, touch, direct, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local firstAt = redis.call('HGET', KEYS[1], 'firstAt')
if (not firstAt) or at < firstAt then
  redis.call('HSET', KEYS[1], 'first', touch, 'firstAt', at)
end
local lastAt = redis.call('HGET', KEYS[1], 'lastAt')
local lastDirect = redis.call('HGET', KEYS[1], 'lastDirect')
if (not lastAt) or (at >= lastAt and (direct == '0' or lastDirect == '1')) then
  redis.call('HSET', KEYS[1], 'last', touch, 'lastAt', at, 'lastDirect', direct)
end
redis.call('EXPIRE', KEYS[1], ttl)
return 1`

export async function rememberTouches(records: VisitRecord[]) {
  const landings = records.filter((record) => record.touch !== null)
  if (landings.length === 0) return
  const pipeline = redis.pipeline()
  for (const record of landings) {
    const touch = JSON.stringify({ ...record.touch, at: record.at })
    const direct = record.touch!.source === 'direct' ? '1' : '0'
    pipeline.eval(
      TOUCH,
      1,
      touchKey(record.tenantId, `h:${record.visitorHash}`),
      record.at,
      touch,
      direct,
      HASHED_TOUCH_TTL_SECONDS
    )
    if (record.visitorId) {
      pipeline.eval(
        TOUCH,
        1,
        touchKey(record.tenantId, `v:${record.visitorId}`),
        record.at,
        touch,
        direct,
        TOUCH_TTL_SECONDS
      )
    }
  }
  await pipeline.exec()
}

interface KnownTouches {
  first: TimedTouch | null
  last: TimedTouch | null
}

function parsed(text: string | null | undefined): TimedTouch | null {
  if (!text) return null
  try {
    return JSON.parse(text) as TimedTouch
  } catch {
    return null
  }
}

/**
 * A visitor's touches in a store: those of their cart cookie and those of
 * today's hash of their address (the views before the cookie existed),
 * merged by the same rules the flush applies.
 */
export async function touchesOf(tenantId: string, visitors: string[]): Promise<KnownTouches> {
  const found = await Promise.all(
    visitors.map((visitor) => fast().hmget(touchKey(tenantId, visitor), 'first', 'last'))
  )
  let first: TimedTouch | null = null
  let last: TimedTouch | null = null
  for (const [firstText, lastText] of found) {
    const one = parsed(firstText)
    const other = parsed(lastText)
    if (one && (!first || one.at < first.at)) first = one
    if (other) last = laterTouch(last, other)
  }
  return { first, last }
}

export function laterTouch(current: TimedTouch | null, next: TimedTouch): TimedTouch {
  if (!current) return next
  const nextDirect = next.source === 'direct'
  const currentDirect = current.source === 'direct'
  if (nextDirect && !currentDirect) return current
  if (currentDirect && !nextDirect) return next
  return next.at >= current.at ? next : current
}
