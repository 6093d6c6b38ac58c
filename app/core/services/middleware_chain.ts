import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

type LazyDefault = () => Promise<{ default: any }>

interface Middleware {
  handle(ctx: HttpContext, next: NextFn, args?: unknown): unknown
}

/**
 * A named middleware that runs `first` and then, inside it (in whatever
 * context `first` opened, e.g. the store's unit of work), each of `then`
 * before the route: how modules add middleware behind another module's
 * without editing its routes. `first`'s argument is passed on to it.
 */
export function followedBy(first: LazyDefault, then: LazyDefault[]): LazyDefault {
  if (then.length === 0) return first
  return async () => {
    const [{ default: First }, ...followers] = await Promise.all([first(), ...then.map((l) => l())])
    class Chained {
      async handle(ctx: HttpContext, next: NextFn, args?: unknown) {
        const head: Middleware = await app.container.make(First)
        const rest: Middleware[] = await Promise.all(
          followers.map(({ default: Follower }) => app.container.make(Follower))
        )
        const run = async (index: number): Promise<unknown> =>
          index < rest.length ? rest[index].handle(ctx, () => run(index + 1) as never) : next()
        return head.handle(ctx, () => run(0) as never, args)
      }
    }
    return { default: Chained }
  }
}
