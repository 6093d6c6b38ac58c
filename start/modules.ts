/*
| Every module of the application, in dependency order. Adding a module is
| adding its manifest here; the dashboard's navigation follows this order.
*/
import { coreModule } from '#core/mod'
import { tenancyModule } from '#tenancy/mod'
import { identityModule } from '#identity/mod'
import { catalogModule } from '#catalog/mod'
import { storefrontModule } from '#storefront/mod'
import { workspaceModule } from '#workspace/mod'
import { billingModule } from '#billing/mod'
import { meteringModule } from '#metering/mod'
import { pricingModule } from '#pricing/mod'
import { channelsModule } from '#channels/mod'
import { aiModule } from '#ai/mod'
import { adminModule } from '#admin/mod'
import type { ModuleManifest } from '#core/mod'

export const modules: readonly ModuleManifest[] = [
  coreModule,
  tenancyModule,
  identityModule,
  catalogModule,
  storefrontModule,
  workspaceModule,
  billingModule,
  meteringModule,
  pricingModule,
  channelsModule,
  aiModule,
  adminModule,
]
