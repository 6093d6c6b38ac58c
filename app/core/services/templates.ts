import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import { HttpContext } from '@adonisjs/core/http'

/**
 * Edge lists the components folder before every render unless the instance
 * was created with caching on, and AdonisJS turns caching on only later, in
 * `configure()`: in production that is a recursive directory read per page.
 * Compiled templates are cached there anyway, so the list is read once too.
 */
export function listComponentsOnce() {
  if (!app.inProduction) return
  const loader = edge.loader
  const listComponents = loader.listComponents.bind(loader)
  let components: ReturnType<typeof listComponents> | undefined
  loader.listComponents = () => (components ??= listComponents())
}

const waitingForRenderer = new WeakMap<HttpContext, Record<string, unknown>>()
let rendererTakesWaitingLocals = false

/**
 * Wraps the framework's `ctx.view` getter (which makes the renderer and
 * keeps it on the request) so that a renderer made late is given what was
 * shared before it existed. Done on first use, once the providers that
 * define the getter have booted.
 */
function takeWaitingLocals() {
  const framework = Object.getOwnPropertyDescriptor(HttpContext.prototype, 'view')?.get
  if (!framework) throw new Error('ctx.view is not defined: is the Edge provider registered?')
  Object.defineProperty(HttpContext.prototype, 'view', {
    configurable: true,
    get(this: HttpContext) {
      const view = framework.call(this)
      const waiting = waitingForRenderer.get(this)
      if (waiting) {
        view.share(waiting)
        waitingForRenderer.delete(this)
      }
      return view
    },
  })
  rendererTakesWaitingLocals = true
}

/**
 * Shares `locals` with the request's templates, as `ctx.view.share` does,
 * without making a renderer for a request that never renders one (JSON, a
 * webhook, a page served from the page cache): the renderer is made, and
 * given everything shared so far, only when something asks for `ctx.view`.
 */
export function shareWithTemplates(ctx: HttpContext, locals: Record<string, unknown>) {
  if (!rendererTakesWaitingLocals) takeWaitingLocals()
  if (Object.hasOwn(ctx, 'view')) {
    ctx.view.share(locals)
    return
  }
  const waiting = waitingForRenderer.get(ctx)
  if (waiting) Object.assign(waiting, locals)
  else waitingForRenderer.set(ctx, { ...locals })
}
