/**
 * A signed-in session as the demo store's owner, for benchmarks of signed-in
 * pages. Run directly, prints `BENCH_COOKIE <cookie header>` for bin/bench.js.
 */
import { fileURLToPath } from 'node:url'

const EMAIL = 'owner@demo.test'
const PASSWORD = 'bazaar-demo-123'

function cookiesFrom(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';')
    const index = pair.indexOf('=')
    jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim())
  }
}

function cookieHeader(jar: Map<string, string>) {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

export function signInAsDemoOwner(base: string) {
  return signIn(base, EMAIL, PASSWORD, 'Demo Store')
}

/** A signed-in session's cookie header for `email`, checked by its dashboard naming `storeName` */
export async function signIn(base: string, email: string, password: string, storeName: string) {
  const jar = new Map<string, string>()
  const form = await fetch(`${base}/signin`)
  cookiesFrom(form, jar)
  const html = await form.text()
  const csrf = /name=['"]_csrf['"]\s+value=['"]([^'"]+)['"]/.exec(html)?.[1]
  if (!csrf) throw new Error('no _csrf field on /signin')
  const response = await fetch(`${base}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cookie': cookieHeader(jar),
    },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  cookiesFrom(response, jar)
  const location = response.headers.get('location')
  if (response.status !== 302 || !location?.endsWith('/dashboard')) {
    throw new Error(
      `sign-in as ${email} failed (${response.status} → ${location}); is the demo data seeded?`
    )
  }
  const cookie = cookieHeader(jar)
  const dashboard = await fetch(`${base}/dashboard`, { headers: { cookie }, redirect: 'manual' })
  const body = await dashboard.text()
  if (dashboard.status !== 200 || !body.includes(storeName)) {
    throw new Error(`signed-in /dashboard answered ${dashboard.status} without the store name`)
  }
  return cookie
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(
    `BENCH_COOKIE ${await signInAsDemoOwner(process.env.BENCH_URL ?? 'http://localhost:3390')}`
  )
}
