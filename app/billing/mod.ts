import './events.js'
import app from '@adonisjs/core/services/app'
import { defineModule, registerCapacityCheck } from '#core/mod'
import stripeConfig from '#config/stripe'
import { requireWebhookSecret } from './services/webhook_secret.js'
import billingRoutes from './routes.js'
import { checkPlanCapacity } from './services/plan_caps.js'

export type { SubscriptionChanged } from './events.js'
export type { SubscriptionStatus } from './services/subscription_state.js'
export type { PlanLimits, LimitKey } from './services/plan_limits.js'
export {
  WEBHOOK_EVENT_STATUSES,
  findWebhookEvent,
  listWebhookEvents,
  webhookProviders,
} from './queries/webhook_ledger.js'
export type {
  WebhookLedgerEntry,
  WebhookLedgerFilters,
  WebhookLedgerRow,
} from './queries/webhook_ledger.js'
export type { WebhookEventStatus } from './models/webhook_event.js'
export { default as ReplayWebhookEvent } from './operations/replay_webhook_event.js'
export type { ReplayResult } from './operations/replay_webhook_event.js'
// The SDK wrapper, for the storefront's card payments with each store's own Stripe account
export {
  createStripeClient,
  verifiedStripeEvent,
  WebhookSignatureInvalid,
} from './services/stripe_client.js'
export type { StripeApiAddress } from './services/stripe_client.js'

const StartFreePlan = () => import('./listeners/start_free_plan.js')
const MailWritesPaused = () => import('./listeners/mail_writes_paused.js')

/** Billing: plans, each store's subscription, and the Stripe webhook ledger. */
export const billingModule = defineModule({
  name: 'billing',
  dependsOn: ['core', 'tenancy', 'identity'],
  tables: ['plans', 'subscriptions', 'webhook_events', 'billing_notices'],
  routes: billingRoutes,
  // Writes of a store whose payment is overdue answer 402, behind every dashboard and API route
  tenantMiddleware: [() => import('./middleware/write_gate_middleware.js')],
  navigation: {
    dashboard: [{ key: 'billing', route: 'billing.index', can: 'billing:manage' }],
  },
  permissions: { 'billing:manage': ['owner', 'finance'] },
  setupSteps: [
    {
      id: 'connect-payments',
      label: 'dashboard.setup.steps.payments',
      link: 'billing.index',
      can: 'billing:manage',
      note: 'dashboard.setup.arrives_with_billing',
      order: 40,
      // Payments cannot be connected until the billing page is built: never ticked
      isDone: async () => false,
    },
  ],
  listeners: {
    'store:created': [[StartFreePlan, 'handle']],
    'billing:subscription_changed': [[MailWritesPaused, 'handle']],
  },
  commands: [
    () => import('./commands/plan_list.js'),
    () => import('./commands/plan_create.js'),
    () => import('./commands/plan_update.js'),
    () => import('./commands/billing_set_plan.js'),
    () => import('./commands/billing_replay.js'),
    () => import('./commands/demo_billing.js'),
  ],
  jobs: [() => import('./jobs/apply_webhook_events_job.js')],
  boot() {
    requireWebhookSecret(app.inProduction, stripeConfig.webhookSecret)
    // The plan's caps on projects, tasks, members and products, checked where they are created
    registerCapacityCheck(checkPlanCapacity)
  },
})
