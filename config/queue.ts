import env from '#start/env'
import { defineConfig } from '@rlanz/bull-queue'

export default defineConfig({
  defaultConnection: {
    host: env.get('REDIS_HOST'),
    port: env.get('REDIS_PORT'),
    password: env.get('REDIS_PASSWORD') || undefined,
  },
  queue: {
    prefix: `${env.get('REDIS_PREFIX', 'bazaar:')}bull`,
  },
  worker: {
    prefix: `${env.get('REDIS_PREFIX', 'bazaar:')}bull`,
    // Most jobs wait on PostgreSQL, Redis or mail rather than the CPU: a few at
    // once keep the process busy while one waits
    concurrency: Math.max(1, env.get('QUEUE_CONCURRENCY', 4)),
  },
  jobs: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: 100,
    removeOnFail: 500,
  },
})
