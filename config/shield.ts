import env from '#start/env'
import { defineConfig } from '@adonisjs/shield'
import { MEDIA_PUBLIC_ORIGIN, MEDIA_UPLOAD_ORIGIN } from '#config/drive'

export default defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      // Product images are served from the platform's host, also on a store's own host,
      // or from the bucket's public address; the dashboard's uploads go to the bucket
      imgSrc: [
        `'self'`,
        'data:',
        new URL(env.get('APP_URL')).origin,
        ...(MEDIA_PUBLIC_ORIGIN ? [MEDIA_PUBLIC_ORIGIN] : []),
      ],
      connectSrc: [`'self'`, ...(MEDIA_UPLOAD_ORIGIN ? [MEDIA_UPLOAD_ORIGIN] : [])],
      // Browsers hold a form's redirect to form-action too: billing's forms end on Stripe's pages
      formAction: [`'self'`, 'https://checkout.stripe.com', 'https://billing.stripe.com'],
      frameAncestors: [`'none'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})
