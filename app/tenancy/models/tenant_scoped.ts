import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import {
  BaseModel,
  beforeCreate,
  beforeDelete,
  beforeFetch,
  beforeFind,
  beforePaginate,
  beforeUpdate,
  column,
} from '@adonisjs/lucid/orm'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import {
  currentTenant,
  currentUnitOfWork,
  MissingTenantContext,
} from '../services/tenant_context.js'
import { TENANT_SCOPED } from '../services/context_aware_adapter.js'

function tenantIdForQuery(modelName: string): string {
  const tenant = currentUnitOfWork()?.tenant
  if (!tenant) throw new MissingTenantContext(`A query on ${modelName}`)
  return tenant.id
}

/**
 * The application wall. Every find, fetch and paginate is limited to the
 * current tenant; every create is stamped with it. Without a tenant context
 * the query throws instead of returning every tenant's rows. Bulk updates and
 * deletes through the query builder skip Lucid hooks: row-level security is
 * the wall there.
 */
export function TenantScoped<Model extends NormalizeConstructor<typeof BaseModel>>(
  superclass: Model
) {
  class TenantScopedModel extends superclass {
    static [TENANT_SCOPED] = true

    @column()
    declare tenantId: string

    @beforeCreate()
    static stampTenant(row: TenantScopedModel) {
      const tenant = currentTenant()
      if (row.tenantId && row.tenantId !== tenant.id) {
        throw new MissingTenantContext(`Creating a row of another tenant`)
      }
      row.tenantId = tenant.id
    }

    @beforeFind()
    @beforeFetch()
    static limitToTenant(query: ModelQueryBuilderContract<typeof BaseModel>) {
      query.where(`${query.model.table}.tenant_id`, tenantIdForQuery(query.model.name))
    }

    @beforePaginate()
    static limitCountToTenant([countQuery]: [
      ModelQueryBuilderContract<typeof BaseModel>,
      ModelQueryBuilderContract<typeof BaseModel>,
    ]) {
      countQuery.where(
        `${countQuery.model.table}.tenant_id`,
        tenantIdForQuery(countQuery.model.name)
      )
    }

    @beforeUpdate()
    @beforeDelete()
    static refuseOtherTenantsRow(row: TenantScopedModel) {
      if (row.tenantId !== currentTenant().id) {
        throw new MissingTenantContext(`Changing a row of another tenant`)
      }
    }
  }
  return TenantScopedModel
}
