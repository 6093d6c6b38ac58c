import db from '@adonisjs/lucid/services/db'
import { Adapter, BaseModel } from '@adonisjs/lucid/orm'
import type { LucidModel, ModelAdapterOptions } from '@adonisjs/lucid/types/model'
import type { Database } from '@adonisjs/lucid/database'
import { currentUnitOfWork, MissingTenantContext } from './tenant_context.js'

export const TENANT_SCOPED = Symbol.for('bazaar.tenantScoped')

/**
 * Routes every model query made inside a unit of work through its transaction
 * (another pooled connection would see no rows, or deadlock a pool of one), and
 * refuses tenant-owned models outside one.
 */
export class ContextAwareAdapter extends Adapter {
  constructor(database: Database) {
    super(database)
  }

  modelConstructorClient(modelConstructor: LucidModel, options?: ModelAdapterOptions) {
    if (options?.client || options?.connection) {
      return super.modelConstructorClient(modelConstructor, options)
    }
    const unitOfWork = currentUnitOfWork()
    if (unitOfWork?.trx) return unitOfWork.trx
    if ((modelConstructor as any)[TENANT_SCOPED]) {
      throw new MissingTenantContext(
        `A query on ${modelConstructor.name}${unitOfWork ? ' (open one with inUnitOfWork)' : ''}`
      )
    }
    return super.modelConstructorClient(modelConstructor, options)
  }
}

export function installContextAwareAdapter() {
  BaseModel.$adapter = new ContextAwareAdapter(db)
}
