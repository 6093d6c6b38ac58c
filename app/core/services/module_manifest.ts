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
 * A listener of a domain event: a lazily imported class and the method
 * that receives the event's payload.
 */
export type LazyListener = [LazyDefault, string]

export type ModuleListeners = { [Event in keyof EventsList]?: LazyListener[] }

/**
 * Everything a module plugs into the application, said once in its `mod.ts`.
 * `start/` iterates the list of manifests and knows no module's internals.
 */
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
  routes?: (kit: RouteKit) => void
  navigation?: { dashboard?: NavigationEntry[]; admin?: NavigationEntry[] }
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
