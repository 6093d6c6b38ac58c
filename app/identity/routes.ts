import { devMailbox } from '#config/mail'
import type { RouteKit } from '#core/mod'

const Landing = () => import('./controllers/landing_controller.js')
const SignUps = () => import('./controllers/sign_ups_controller.js')
const Sessions = () => import('./controllers/sessions_controller.js')
const MagicLinks = () => import('./controllers/magic_links_controller.js')
const EmailVerifications = () => import('./controllers/email_verifications_controller.js')
const DevMailbox = () => import('./controllers/dev_mailbox_controller.js')
const Stores = () => import('./controllers/stores_controller.js')
const CurrentStore = () => import('./controllers/current_store_controller.js')
const Dashboard = () => import('./controllers/dashboard_controller.js')
const Members = () => import('./controllers/members_controller.js')
const Invitations = () => import('./controllers/invitations_controller.js')
const InvitationAcceptances = () => import('./controllers/invitation_acceptances_controller.js')
const OwnershipTransfers = () => import('./controllers/ownership_transfers_controller.js')
const ApiTokens = () => import('./controllers/api_tokens_controller.js')
const Activities = () => import('./controllers/activities_controller.js')
const ApiStore = () => import('./controllers/api/store_controller.js')
const ApiMembers = () => import('./controllers/api/members_controller.js')
const ApiTokenRotations = () => import('./controllers/api/token_rotations_controller.js')
const ApiInvitations = () => import('./controllers/api/invitations_controller.js')
const ApiMagicLinks = () => import('./controllers/api/magic_links_controller.js')
const ApiLinkRedemptions = () => import('./controllers/api/link_redemptions_controller.js')

export default function identityRoutes({ router, middleware, web }: RouteKit) {
  const uuid = router.matchers.uuid()
  const permitted = (permission: string, routes: () => void) =>
    router.group(routes).use(middleware.permits(permission))

  router
    .group(() => {
      router.get('/', [Landing, 'show']).as('landing.show')
      router.get('/signup', [SignUps, 'create']).as('sign_ups.create')
      router.get('/signin', [Sessions, 'create']).as('sessions.create')
      router.post('/signout', [Sessions, 'destroy']).as('sessions.destroy')
      router.get('/magic-links/:token', [MagicLinks, 'show']).as('magic_links.show')
      router.post('/magic-links/:token/session', [MagicLinks, 'redeem']).as('magic_links.redeem')
      router
        .get('/email-verifications/:token', [EmailVerifications, 'show'])
        .as('email_verifications.show')
      router
        .post('/email-verifications/:token/confirmation', [EmailVerifications, 'redeem'])
        .as('email_verifications.confirm')
      router
        .get('/invitations/:token', [InvitationAcceptances, 'show'])
        .as('invitation_acceptances.show')
      router.get('/stores/new', [Stores, 'create']).as('stores.create')
      router.put('/current-store', [CurrentStore, 'update']).as('current_store.update')

      router
        .post('/signin', [Sessions, 'store'])
        .as('sessions.store')
        .use(middleware.throttle('signIn'))
      // Forms that create an account, a store or a membership share one budget
      router
        .group(() => {
          router.post('/signup', [SignUps, 'store']).as('sign_ups.store')
          router
            .post('/invitations/:token/acceptance', [InvitationAcceptances, 'store'])
            .as('invitation_acceptances.store')
          router.post('/stores', [Stores, 'store']).as('stores.store')
        })
        .use(middleware.throttle('signUp'))
      // Forms that send a mail with a link
      router
        .group(() => {
          router.post('/magic-links', [MagicLinks, 'store']).as('magic_links.store')
          router
            .post('/email-verifications', [EmailVerifications, 'store'])
            .as('email_verifications.store')
        })
        .use(middleware.throttle('magicLink'))

      if (devMailbox.environment === 'development' && devMailbox.switchedOn) {
        router.get('/dev/mail', [DevMailbox, 'index']).as('dev_mailbox.index')
      }

      router
        .group(() => {
          router.get('/', [Dashboard, 'show']).as('dashboard.show')
          router.get('/team', [Members, 'index']).as('members.index')
          // Leaving is one's own removal: MembershipPolicy decides who may remove whom
          router.delete('/team/:id', [Members, 'destroy']).as('members.destroy')
          permitted('team:manage', () => {
            router.put('/team/:id', [Members, 'update']).as('members.update')
            router
              .post('/invitations', [Invitations, 'store'])
              .as('invitations.store')
              .use(middleware.throttle('invitation'))
            router.delete('/invitations/:id', [Invitations, 'destroy']).as('invitations.destroy')
          })
          permitted('integrations:manage', () => {
            router.get('/', [ApiTokens, 'index']).as('api_tokens.index')
            router.post('/', [ApiTokens, 'store']).as('api_tokens.store')
            router.delete('/:id', [ApiTokens, 'destroy']).as('api_tokens.destroy')
          }).prefix('/api-tokens')
          permitted('activity:read', () => {
            router.get('/activity', [Activities, 'index']).as('activities.index')
          })
          permitted('ownership:transfer', () => {
            router
              .post('/ownership-transfer', [OwnershipTransfers, 'store'])
              .as('ownership_transfers.store')
          })
          permitted('store:delete', () => {
            router.delete('/store', [Stores, 'destroy']).as('stores.destroy')
          })
        })
        .where('id', uuid)
        .prefix('/dashboard')
        .use(middleware.dashboard())
    })
    .use(web())

  router
    .group(() => {
      router
        .get('/store', [ApiStore, 'show'])
        .as('store.show')
        .use(middleware.apiToken('store:read'))
      router
        .get('/members', [ApiMembers, 'index'])
        .as('members.index')
        .use(middleware.apiToken('team:read'))
      router
        .post('/tokens/current/rotation', [ApiTokenRotations, 'store'])
        .as('token_rotations.store')
        .use(middleware.apiToken())
      router
        .get('/invitations', [ApiInvitations, 'index'])
        .as('invitations.index')
        .use(middleware.apiToken('team:read'))
      router
        .post('/invitations', [ApiInvitations, 'store'])
        .as('invitations.store')
        .use([middleware.apiToken('team:write'), middleware.throttle('invitation')])
      router
        .delete('/invitations/:id', [ApiInvitations, 'destroy'])
        .as('invitations.destroy')
        .use(middleware.apiToken('team:write'))

      // A script signs in as a person does, by a mailed link, and gets a token for it
      router
        .post('/auth/magic-link', [ApiMagicLinks, 'store'])
        .as('auth_magic_links.store')
        .use(middleware.throttle('magicLink'))
      router
        .post('/auth/redeem', [ApiLinkRedemptions, 'store'])
        .as('auth_redemptions.store')
        .use(middleware.throttle('signIn'))
    })
    .where('id', router.matchers.uuid())
    .prefix('/api/v1')
    .as('api')
}
