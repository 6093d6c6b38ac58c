import type { ApiResponse } from '@japa/api-client'
import limiter from '@adonisjs/limiter/services/main'
import { THROTTLE_POLICIES, type ThrottlePolicy } from '#core/mod'
import { Membership, type User } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import { PASSWORD, lastMailTo, linkIn, unique, uniqueEmail } from '#tests/helpers'

/**
 * The session plugin destroys each request's session afterwards, so a
 * follow-up request carries the values the previous response left behind
 * (auth, current store) explicitly with `.withSession(sessionAfter(r))`.
 */
export function sessionAfter(response: ApiResponse): Record<string, any> {
  return response.session() ?? {}
}

/** The session key the web guard keeps the signed-in user id under. */
export const WEB_SESSION_KEY = 'auth_web'

export function isSignedIn(response: ApiResponse) {
  return Boolean(sessionAfter(response)[WEB_SESSION_KEY])
}

/**
 * Invitation acceptance is throttled per address with no email in the form,
 * so every acceptance from the test client shares one bucket; tests that
 * accept invitations empty that one bucket first (and nothing else).
 */
export async function resetThrottle(policy: ThrottlePolicy, subject = '') {
  const options = THROTTLE_POLICIES[policy]
  for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    const key = `${policy}:${ip}:${subject}`
    for (const store of ['redis', 'memory'] as const) {
      try {
        await limiter.use(store, options).delete(key)
      } catch {}
    }
  }
}

/** Sends a request (or awaits a pending one) and asserts its status. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

export function membershipOf(store: TenantSnapshot, user: User) {
  return withTenant(store, async () => await Membership.findBy('userId', user.id))
}

export async function membershipIdOf(store: TenantSnapshot, user: User) {
  const membership = await membershipOf(store, user)
  if (!membership) throw new Error(`${user.email} is not a member`)
  return membership.id
}

/** A form sent as the signed-in `actor`, with CSRF, redirects not followed */
export function formAs(
  client: any,
  actor: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  form: Record<string, unknown> = {}
) {
  return client[method](url).form(form).loginAs(actor).withCsrfToken().redirects(0)
}

/** A JSON body sent as the signed-in `actor` by a caller that wants JSON back */
export function jsonAs(
  client: any,
  actor: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  body: Record<string, unknown>
) {
  return client[method](url)
    .header('accept', 'application/json')
    .json(body)
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
}

/** The password sign-in form, sent with CSRF, redirects not followed */
export function signIn(client: any, email: string, password = PASSWORD) {
  return client.post('/signin').form({ email, password }).withCsrfToken().redirects(0)
}

/** Sends a request (or awaits a pending one) and asserts it redirects (302) to `location` */
export async function expectRedirect(request: PromiseLike<ApiResponse>, location: string) {
  const response = await expectStatus(request, 302)
  response.assertHeader('location', location)
  return response
}

/** The dashboard, asked for with the session `response` left behind */
export function dashboardAfter(client: any, response: ApiResponse) {
  return client.get('/dashboard').withSession(sessionAfter(response)).redirects(0)
}

/** Asserts that the session `response` left behind opens the dashboard of `storeName` */
export async function assertOpensDashboard(client: any, response: ApiResponse, storeName: string) {
  const dashboard = await expectStatus(dashboardAfter(client, response), 200)
  dashboard.assertTextIncludes(storeName)
}

/** Sends `count` requests at once, as racing clients would */
export function atOnce(count: number, send: (index: number) => PromiseLike<ApiResponse>) {
  return Promise.all(Array.from({ length: count }, (_, index) => send(index)))
}

export function statusesOf(responses: ApiResponse[]) {
  return responses.map((response) => response.status()).sort((a, b) => a - b)
}

/**
 * The token of the `<path>/<token>` link in the newest mail to `email`
 * whose subject matches; fails the test when no such mail arrives.
 */
export async function mailedToken(email: string, path: string, subject: RegExp) {
  const mail = await lastMailTo(email, { subject })
  if (!mail) throw new Error(`no mail matching ${subject} reached ${email}`)
  const token = linkIn(mail.text, path)
  if (!token) throw new Error(`no ${path}/<token> link in: ${mail.text}`)
  return token
}

/** Presses the button on a mailed link's page (optionally typing a password) */
export function pressLinkButton(client: any, url: string, form: Record<string, unknown> = {}) {
  return client.post(url).form(form).withCsrfToken().redirects(0)
}

export const CONFIRMATION_SUBJECT = /Confirm your email address/

/** A sign-up form that passes validation, with a fresh address and store address */
export function signUpForm(overrides: Record<string, unknown> = {}) {
  return {
    fullName: 'Ada Founder',
    email: uniqueEmail('founder'),
    password: PASSWORD,
    storeName: 'Ada Goods',
    slug: unique('shop'),
    ...overrides,
  }
}

export function signUp(client: any, form: Record<string, unknown>) {
  return client.post('/signup').form(form).withCsrfToken().redirects(0)
}

/** The token of the newest address confirmation link mailed to `email` */
export function confirmationToken(email: string) {
  return mailedToken(email, '/email-verifications', CONFIRMATION_SUBJECT)
}

/** Presses "Confirm" on a confirmation link's page, typing `password` to keep it */
export function confirmAddress(client: any, token: string, password?: string) {
  const form = password === undefined ? {} : { password }
  return pressLinkButton(client, `/email-verifications/${token}/confirmation`, form)
}

export const MAGIC_LINK_SUBJECT = /sign-in link/

/** Asks for a magic link for `email` and returns the token from the mail */
export async function requestMagicLink(client: any, email: string) {
  await expectStatus(client.post('/magic-links').form({ email }).withCsrfToken(), 200)
  return mailedToken(email, '/magic-links', MAGIC_LINK_SUBJECT)
}

/** Presses "Sign in" on a magic link's page: the only request that spends the link */
export function redeemMagicLink(client: any, token: string) {
  return pressLinkButton(client, `/magic-links/${token}/session`)
}
