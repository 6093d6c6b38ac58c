import redis from '@adonisjs/redis/services/main'
import redisConfig from '#config/redis'
import { BoundedMap } from '#core/mod'
import type { TenantSnapshot } from './tenant_context.js'

/** How long this process trusts what it read from Redis without asking again */
const TTL_MS = 5_000
/** Bounded: a process serving many stores keeps the most recently read ones */
const MAX_ENTRIES = 5_000

/**
 * Channels are not keys: Redis does not prefix them, so the environment's
 * prefix is added here and environments sharing one Redis stay apart.
 */
export const FORGET_CHANNEL = `${redisConfig.connections.main.keyPrefix ?? ''}tenancy:forget`

/** What the directory keeps: tenants by host, and the storefront's settings by tenant */
type Cached = TenantSnapshot | object | null
type Entry = { value: Cached; expiresAt: number }

/**
 * An in-process copy of the tenant directory's Redis entries, so a storefront
 * request needs no round trip to learn its store. A change to a tenant is
 * published on FORGET_CHANNEL and every process drops its copy at once; the
 * copy is used only while the subscription is live, and is cleared whenever
 * the subscriber connection drops, so a missed message cannot keep a
 * suspended store open for longer than TTL_MS.
 */
class LocalTenantCache {
  #entries = new BoundedMap<string, Entry>(MAX_ENTRIES)
  #listening = false
  #subscribing = false
  #subscribedOnce = false
  /** Grows with every forget: a read that began before one must not be kept */
  #generation = 0

  get generation() {
    return this.#generation
  }

  get(key: string): Entry | undefined {
    this.#listen()
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= performance.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  /** Keeps what a read that began at `generation` found, unless something was forgotten since */
  set(key: string, value: Cached, generation: number) {
    if (!this.#listening || generation !== this.#generation) return
    this.#entries.set(key, { value, expiresAt: performance.now() + TTL_MS })
  }

  /**
   * The copy kept under `key`, else what `load` finds, kept unless a forget
   * happened while it loaded (the value might already be stale then)
   */
  async remember<T extends Cached>(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.get(key)
    if (kept) return kept.value as T
    const generation = this.#generation
    const value = await load()
    this.set(key, value, generation)
    return value
  }

  forget(keys: string[]) {
    this.#generation++
    for (const key of keys) this.#entries.delete(key)
  }

  /** Subscribes on first use: processes that never read the directory (most commands) never do */
  #listen() {
    if (this.#listening || this.#subscribing) return
    this.#subscribing = true
    const connection = redis.connection()
    const stopListening = () => {
      this.#listening = false
      this.#clear()
    }
    connection.on('subscriber:close', stopListening)
    connection.on('subscriber:end', () => {
      stopListening()
      this.#subscribing = false
    })
    // ioredis subscribes again by itself after a reconnect
    connection.on('subscriber:ready', () => {
      this.#clear()
      this.#listening = this.#subscribedOnce
    })
    connection.subscribe(FORGET_CHANNEL, (message: string) => this.#receive(message), {
      onSubscription: () => {
        this.#clear()
        this.#subscribedOnce = true
        this.#listening = true
      },
      onError: () => {
        this.#subscribing = false
      },
    })
  }

  #receive(message: string) {
    try {
      const keys: unknown = JSON.parse(message)
      if (Array.isArray(keys)) this.forget(keys.map(String))
    } catch {
      this.#clear()
    }
  }

  #clear() {
    this.#generation++
    this.#entries.clear()
  }
}

export const localTenantCache = new LocalTenantCache()
