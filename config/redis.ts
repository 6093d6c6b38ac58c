import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'
import type { InferConnections } from '@adonisjs/redis/types'

const base = {
  host: env.get('REDIS_HOST'),
  port: env.get('REDIS_PORT'),
  password: env.get('REDIS_PASSWORD') || undefined,
  keyPrefix: env.get('REDIS_PREFIX', 'bazaar:'),
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...base,
      db: 0,
      retryStrategy: (times: number) => Math.min(times * 50, 2000),
    },
    /**
     * Rate limiting must never hold a request hostage: without Redis the
     * limiter falls back to a per-process store. A command waits for the
     * connection to open (first request after boot) but gives up after
     * 300 ms, whether Redis refuses connections or accepts them and does
     * not answer. Every request counts here, so the counts of requests
     * read in the same turn of the event loop travel to Redis as one write.
     */
    limiter: {
      ...base,
      db: 0,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 500,
      commandTimeout: 300,
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    },
    /**
     * The storefront's page cache: a page is rendered without it rather
     * than wait, so it gives up as quickly as the limiter does. Every page
     * asks it for the store's page version: the asks of pages read in the
     * same turn of the event loop travel as one write.
     */
    cache: {
      ...base,
      db: 0,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 500,
      commandTimeout: 300,
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
