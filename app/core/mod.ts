import { defineModule } from './services/module_manifest.js'
import { sendLaterThroughQueue } from './services/mail_queue.js'
import { shareAssetUrls } from './services/assets.js'
import { listComponentsOnce } from './services/templates.js'
import { shareIcons } from './services/icons.js'
import { shareMoneyFormatting } from './services/money/templates.js'
import coreRoutes from './routes.js'

export * from './services/money.js'
export * from './services/errors.js'
export { clock } from './services/clock.js'
export {
  ensureCapacity,
  registerCapacityCheck,
  countRows,
  registerUsageCount,
  currentUsage,
} from './services/capacity.js'
export { followedBy } from './services/middleware_chain.js'
export type { CapacityResource, CapacityCheck, CapacityRequest } from './services/capacity.js'
export { readRequestText } from './services/request_text.js'
export { Timestamped } from './models/timestamped.js'
export { BoundedMap } from './services/bounded_map.js'
export { randomToken, sha256 } from './services/secrets.js'
export { wantsJson } from './services/content_negotiation.js'
export { platformUrl, storeUrl, storePathOnPlatform, storePathUnder } from './services/urls.js'
export { applyLocale } from './middleware/locale_middleware.js'
export { shareWithTemplates } from './services/templates.js'
export { OutboxTransport, readOutbox } from './mail/outbox_transport.js'
export type { OutboxMessage } from './mail/outbox_transport.js'
export { submitForm, validate, fieldErrorsOf, FormRejected, EMPTY_FORM } from './services/forms.js'
export type { FormState, FieldError } from './services/forms.js'
export { consumeAttempt, THROTTLE_POLICIES } from './middleware/throttle_middleware.js'
export type { ThrottlePolicy } from './middleware/throttle_middleware.js'
export { MAX_INPUT_DEPTH } from './middleware/input_guard_middleware.js'
export { trustProxyFrom } from './services/proxies.js'
export { keepOutOfCaches } from './middleware/private_response_middleware.js'
export {
  readCursorPage,
  afterCursor,
  nextCursorOf,
  DEFAULT_CURSOR_LIMIT,
  MAX_CURSOR_LIMIT,
} from './services/cursor_pages.js'
export type { CursorPage } from './services/cursor_pages.js'
export {
  parseListQuery,
  paginate,
  listParams,
  listHref,
  DEFAULT_PER_PAGE,
  PER_PAGE_OPTIONS,
} from './services/list_query.js'
export type {
  ListQuery,
  ListQueryOptions,
  Pagination,
  SortDirection,
  FilterRule,
} from './services/list_query.js'
export {
  isHtmx,
  wantsFragment,
  asciiJson,
  triggerHtmxEvents,
  flashMessage,
} from './services/htmx.js'
export type { FlashTone } from './services/htmx.js'
export { defineModule }
export type {
  ModuleManifest,
  NavigationEntry,
  SetupStep,
  OverviewPanel,
  RouteKit,
  NamedMiddleware,
} from './services/module_manifest.js'

export const coreModule = defineModule({
  name: 'core',
  dependsOn: [],
  tables: [],
  errorHandler: () => import('./exceptions/handler.js'),
  serverMiddleware: [
    () => import('./middleware/container_bindings_middleware.js'),
    () => import('./middleware/request_log_middleware.js'),
    () => import('./middleware/security_headers_middleware.js'),
    () => import('./middleware/public_files_middleware.js'),
    () => import('./middleware/locale_middleware.js'),
  ],
  routerMiddleware: [
    () => import('@adonisjs/core/bodyparser_middleware'),
    () => import('./middleware/input_guard_middleware.js'),
  ],
  middleware: {
    session: () => import('@adonisjs/session/session_middleware'),
    csrf: () => import('./middleware/csrf_middleware.js'),
    initializeAuth: () => import('@adonisjs/auth/initialize_auth_middleware'),
    throttle: () => import('./middleware/throttle_middleware.js'),
    privateResponse: () => import('./middleware/private_response_middleware.js'),
  },
  routes: coreRoutes,
  jobs: [() => import('./jobs/deliver_mail_job.js')],
  boot() {
    sendLaterThroughQueue()
    shareAssetUrls()
    listComponentsOnce()
    shareIcons()
    shareMoneyFormatting()
  },
})
