import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import { trustProxyFrom } from '#core/services/proxies'

export const appKey = new Secret(env.get('APP_KEY'))

/** The platform's own host name; stores answer at `<slug>.<appHost>` */
export const appHost = env.get('APP_HOST').toLowerCase()

/** Public base URL of the platform, for links in mails and printed output */
export const appUrl = env.get('APP_URL').replace(/\/+$/, '')

export const http = defineConfig({
  // core's request log assigns ids (a client may not choose one; see requestIdFor)
  generateRequestId: false,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  /**
   * No proxy is trusted unless TRUSTED_PROXIES names it: otherwise any client
   * could choose its IP (rate limits are keyed by it) and its host (which
   * picks the store) through `X-Forwarded-*`.
   */
  trustProxy: trustProxyFrom(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
