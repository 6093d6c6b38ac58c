export { listTenantsWithMembers } from './services/platform_directory.js'
export type { TenantOverview } from './services/platform_directory.js'
