import router from '@adonisjs/core/services/router'
import { errors as authErrors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '../models/user.js'

const EPOCH_KEY = 'sessionEpoch'

/** Where someone who must sign in is sent */
export function signInPath() {
  return router.makeUrl('sessions.create')
}

/**
 * Signs `user` in on this session and remembers the session epoch it began
 * in; when the user's epoch grows (their address was proven and a password
 * of unknown origin removed) this session stops counting.
 */
export async function startSession(ctx: HttpContext, user: User) {
  await ctx.auth.use('web').login(user)
  ctx.session.put(EPOCH_KEY, user.sessionEpoch)
}

function isCurrent(ctx: HttpContext, user: User) {
  return Number(ctx.session.get(EPOCH_KEY, 0)) === user.sessionEpoch
}

/**
 * The signed-in user, or null: a session older than the user's epoch is
 * signed out here.
 */
export async function signedInUser(ctx: HttpContext): Promise<User | null> {
  await ctx.auth.check()
  const user = ctx.auth.user
  if (!user) return null
  if (isCurrent(ctx, user)) return user
  await ctx.auth.use('web').logout()
  return null
}

/** The signed-in user; anyone else is sent to sign in */
export async function requireSignedIn(ctx: HttpContext): Promise<User> {
  const user = await signedInUser(ctx)
  if (user) return user
  throw new authErrors.E_UNAUTHORIZED_ACCESS('Unauthorized access', {
    redirectTo: signInPath(),
    guardDriverName: 'session',
  })
}
