import { defineModule } from '#core/mod'
import identityRoutes from './routes.js'
import { teamInvited } from './services/setup_checklist.js'
import './events.js'

export { default as User } from './models/user.js'
export { default as Membership } from './models/membership.js'
export {
  ROLES,
  assemblePermissions,
  permissionMatrix,
  permissionNames,
  tokenAbilityNames,
  roleAllows,
  roleMayGrant,
} from './roles.js'
export type { Role, Permission, TokenAbility } from './roles.js'
export { provisionStore } from './services/provision_store.js'
export type { ProvisionStoreInput } from './services/provision_store.js'
export { storesOf, membersOfEveryStoreForPlatformAdmin } from './services/user_stores.js'
export type { UserStore, StoreMember } from './services/user_stores.js'
export { issueApiToken } from './operations/issue_api_token.js'
export { unbuiltDashboardSection, unbuiltModule } from './unbuilt_sections.js'
export { assembleSetupSteps, setupChecklist } from './services/setup_checklist.js'
export { assembleOverviewPanels } from './services/overview_panels.js'
export type { Checklist, ChecklistStep } from './services/setup_checklist.js'

const MemberActivity = () => import('./listeners/record_member_activity.js')

export const identityModule = defineModule({
  name: 'identity',
  dependsOn: ['core', 'tenancy'],
  tables: ['users', 'login_tokens', 'memberships', 'invitations', 'api_tokens'],
  middleware: {
    dashboard: () => import('./middleware/dashboard_middleware.js'),
    permits: () => import('./middleware/permits_middleware.js'),
    apiToken: () => import('./middleware/api_token_middleware.js'),
  },
  routes: identityRoutes,
  navigation: {
    dashboard: [
      { key: 'team', route: 'members.index', group: 'settings' },
      {
        key: 'api_tokens',
        route: 'api_tokens.index',
        can: 'integrations:manage',
        group: 'settings',
      },
      { key: 'activity', route: 'activities.index', can: 'activity:read', group: 'settings' },
    ],
  },
  setupSteps: [
    {
      id: 'invite-team',
      label: 'dashboard.setup.steps.team',
      link: 'members.index',
      order: 30,
      isDone: teamInvited,
    },
  ],
  permissions: {
    'team:manage': ['owner', 'admin'],
    'integrations:manage': ['owner', 'admin'],
    'activity:read': ['owner', 'admin'],
    'store:delete': ['owner'],
    'ownership:transfer': ['owner'],
  },
  tokenAbilities: { 'store:read': null, 'team:read': null, 'team:write': 'team:manage' },
  listeners: {
    'member:invited': [[MemberActivity, 'memberInvited']],
    'invitation:revoked': [[MemberActivity, 'invitationRevoked']],
    'member:joined': [[MemberActivity, 'memberJoined']],
    'member:role_changed': [[MemberActivity, 'memberRoleChanged']],
    'member:removed': [[MemberActivity, 'memberRemoved']],
    'ownership:transferred': [[MemberActivity, 'ownershipTransferred']],
    'token:created': [[MemberActivity, 'tokenCreated']],
    'token:revoked': [[MemberActivity, 'tokenRevoked']],
    'token:rotated': [[MemberActivity, 'tokenRotated']],
  },
  jobs: [() => import('./jobs/send_welcome_mail_job.js')],
})
