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
  },
  jobs: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: 100,
    removeOnFail: 500,
  },
})
