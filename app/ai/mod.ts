import { defineModule } from '#core/mod'

/** AI gateway: providers, per-tenant quotas, metered calls. Not built yet. */
export const aiModule = defineModule({
  name: 'ai',
  dependsOn: ['core'],
  tables: [],
})
