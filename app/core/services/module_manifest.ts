import type { Router } from '@adonisjs/core/http'
import type { EventsList } from '@adonisjs/core/types'
import type { MiddlewareFn, ParsedNamedMiddleware } from '@adonisjs/core/types/http'

type LazyDefault = () => Promise<{ default: any }>

/**
 * Named middleware as the router hands them out: call one to attach it to a
 * route, with its argument when it takes one (`permits('catalog:read')`).
 */
export type NamedMiddleware = Record<string, (...args: any[]) => ParsedNamedMiddleware>

/**
 * What a module's `routes` receives: the router, every module's named
 * middleware, and the stack the platform's own pages run behind (session,
 * CSRF, the signed-in user).
 */
export interface RouteKit {
  router: Router
  middleware: NamedMiddleware
  web: () => (ParsedNamedMiddleware | MiddlewareFn)[]
}

export interface NavigationEntry {
  /** Key of the section, also its translation key under `nav.` */
  key: string
  /** Name of the route the link points at */
  route: string
  /** The permission a member needs to see the link; every member sees it without one */
  can?: string
  icon?: string
  /** `settings` entries follow the store's sections, after a divider */
  group?: 'sections' | 'settings'
}

/**
 * One step of the overview's set-up checklist, contributed by the module it
 * belongs to. `isDone` runs inside the current store's unit of work, so it
 * reads the module's own tables as that store.
 */
export interface SetupStep {
  /** Unique across modules; also the step's id in the page */
  id: string
  /** Translation key of what the step asks for ("Add a product") */
  label: string
  /** Where the step is done: a route name, or a path starting with `/` */
  link: string
  /** The permission a member needs to follow the link; shown without a link otherwise */
  can?: string
  /** Translation key of a line said under the step (a module not built yet says so) */
  note?: string
  /** Steps are shown by `order` (lowest first), then in module order */
  order?: number
  isDone(): Promise<boolean>
}

/**
 * A listener of a domain event: a lazily imported class and the method
 * that receives the event's payload.
 */
export type LazyListener = [LazyDefault, string]

export type ModuleListeners = { [Event in keyof EventsList]?: LazyListener[] }

/**
 * Everything a module plugs into the application, said once in its `mod.ts`.
 * `start/` iterates the list of manifests and knows no module's internals.
 */
/**
 * A panel of the overview, contributed by the module whose figures it shows:
 * `load` reads them inside the current store's unit of work, and `view` (an
 * Edge template of the module) renders what it returns.
 */
export interface OverviewPanel {
  /** Unique across modules */
  id: string
  view: string
  /** The permission a member needs to see the panel; every member sees it without one */
  can?: string
  /** Panels are shown by `order` (lowest first), then in module order */
  order?: number
  load: () => Promise<Record<string, unknown>>
}

export interface ModuleManifest {
  name: string
  /** Modules this one may import (through their `mod.ts`); the boundary test reads it */
  dependsOn: string[]
  /** Tables this module owns; no other module's code names them in a query */
  tables: string[]
  /** Middleware run on every request, in order, after the modules before this one */
  serverMiddleware?: LazyDefault[]
  /** Middleware run on every request that matched a route, after the server middleware */
  routerMiddleware?: LazyDefault[]
  /** Named middleware other modules' routes may use */
  middleware?: Record<string, LazyDefault>
  /**
   * Middleware run behind every route that acts as a store (after the
   * `dashboard` or `apiToken` middleware opened the store's context), before
   * the route's own middleware
   */
  tenantMiddleware?: LazyDefault[]
  routes?: (kit: RouteKit) => void
  navigation?: { dashboard?: NavigationEntry[]; admin?: NavigationEntry[] }
  /** Steps of the overview's set-up checklist this module contributes */
  setupSteps?: SetupStep[]
  /** Panels of figures this module adds to the overview */
  overviewPanels?: OverviewPanel[]
  /** Abilities this module defines, with the roles that hold each */
  permissions?: Record<string, readonly string[]>
  /** Abilities an API token may carry, each with the permission its holder's role needs (null: any member) */
  tokenAbilities?: Record<string, string | null>
  listeners?: ModuleListeners
  /** Runs once when the application boots, before the first request or job */
  boot?: () => void | Promise<void>
  /** The one exception handler; exactly one module provides it */
  errorHandler?: LazyDefault
  commands?: LazyDefault[]
  jobs?: LazyDefault[]
}

export function defineModule<Manifest extends ModuleManifest>(manifest: Manifest): Manifest {
  return manifest
}
