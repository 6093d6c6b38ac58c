import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.enum([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  APP_KEY: Env.schema.string(),
  APP_HOST: Env.schema.string(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  TRUSTED_PROXIES: Env.schema.string.optional(),

  SESSION_DRIVER: Env.schema.enum(['redis', 'cookie', 'memory'] as const),

  DB_HOST: Env.schema.string({ format: 'host' }),
  DB_PORT: Env.schema.number(),
  DB_DATABASE: Env.schema.string(),
  DB_USER: Env.schema.string(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_OWNER_USER: Env.schema.string(),
  DB_OWNER_PASSWORD: Env.schema.string.optional(),
  DB_PLATFORM_USER: Env.schema.string(),
  DB_PLATFORM_PASSWORD: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),

  REDIS_HOST: Env.schema.string({ format: 'host' }),
  REDIS_PORT: Env.schema.number(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_PREFIX: Env.schema.string.optional(),
  /** Jobs one `queue:listen` process runs at once (4 unless set) */
  QUEUE_CONCURRENCY: Env.schema.number.optional(),

  MAIL_MAILER: Env.schema.enum(['outbox', 'smtp'] as const),
  MAIL_FROM: Env.schema.string(),
  DEV_MAILBOX: Env.schema.boolean.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  STRIPE_WEBHOOK_SECRET: Env.schema.string.optional(),
  STRIPE_SECRET_KEY: Env.schema.string.optional(),
  STRIPE_API_HOST: Env.schema.string.optional({ format: 'host' }),
  STRIPE_API_PORT: Env.schema.number.optional(),
  STRIPE_API_PROTOCOL: Env.schema.enum.optional(['http', 'https'] as const),

  /** Where product media is kept: the local disk (default) or S3 (or an S3-compatible store) */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),
  /** Where shoppers get resized images (a CDN); unset, the app's /media route streams them */
  S3_PUBLIC_URL: Env.schema.string.optional(),

  /** Set only by the benchmark's server: lets it ask for storefront pages uncached */
  BENCH_PAGE_CACHE_BYPASS: Env.schema.boolean.optional(),
})
