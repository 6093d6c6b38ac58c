import { allStoresForPlatformAdmin, type StoreOverview } from '#tenancy/mod'
import { membersOfEveryStoreForPlatformAdmin, type StoreMember } from '#identity/mod'

export interface TenantOverview extends StoreOverview {
  members: StoreMember[]
}

/**
 * Every store with its members, for platform admins. The owners of the
 * tables read them; this only puts the two answers together.
 */
export async function listTenantsWithMembers(): Promise<TenantOverview[]> {
  const [stores, members] = await Promise.all([
    allStoresForPlatformAdmin(),
    membersOfEveryStoreForPlatformAdmin(),
  ])
  return stores.map((store) => ({ ...store, members: members.get(store.id) ?? [] }))
}
