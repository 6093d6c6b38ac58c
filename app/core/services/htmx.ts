import type { HttpContext } from '@adonisjs/core/http'

/**
 * htmx requests, and messages that reach the person whichever way the page
 * was asked for.
 *
 *   if (isHtmx(ctx)) return renderRow(member)          // the fragment htmx swaps in
 *   flashMessage(ctx, 'success', ctx.i18n.t('…'))       // session flash, or an HX-Trigger
 */

export type FlashTone = 'success' | 'notice' | 'error'

/** A request htmx sent (`HX-Request: true`), boosted links and forms included */
export function isHtmx(ctx: HttpContext) {
  return ctx.request.header('hx-request') === 'true'
}

/**
 * Whether htmx asked for only the element `#targetId` (its `hx-target`),
 * so the page may answer with that fragment alone. Boosted links and
 * history restores want the whole page.
 */
export function wantsFragment(ctx: HttpContext, targetId: string) {
  return (
    isHtmx(ctx) &&
    ctx.request.header('hx-boosted') !== 'true' &&
    ctx.request.header('hx-history-restore-request') !== 'true' &&
    ctx.request.header('hx-target') === targetId
  )
}

/**
 * JSON whose every character outside printable ASCII is written `\uXXXX`,
 * so it survives as an HTTP header value (Arabic included: a header is
 * Latin-1 at best, and Node refuses anything else).
 */
export function asciiJson(value: unknown) {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/**
 * Adds events to the response's `HX-Trigger` header (htmx fires each one on
 * the element that made the request, with its value as `event.detail`),
 * keeping the events already set on it.
 */
export function triggerHtmxEvents(ctx: HttpContext, events: Record<string, unknown>) {
  const current = ctx.response.getHeader('HX-Trigger')
  let merged: Record<string, unknown> = {}
  if (typeof current === 'string' && current) {
    try {
      const parsed = JSON.parse(current)
      merged =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? parsed
          : { [current]: null }
    } catch {
      for (const name of current.split(',')) if (name.trim()) merged[name.trim()] = null
    }
  }
  ctx.response.header('HX-Trigger', asciiJson({ ...merged, ...events }))
}

/**
 * A message for the person who made the request: kept in the session for
 * the page a full-page request is redirected to (`notice`, `success` and
 * `error` are what components/flash.edge shows), or, for htmx, sent as the
 * `flash` event (`{"flash":{"tone":"success","message":"…"}}` in
 * `HX-Trigger`) that /js/flash.js shows in the layout's live region.
 */
export function flashMessage(ctx: HttpContext, tone: FlashTone, message: string) {
  if (isHtmx(ctx)) {
    triggerHtmxEvents(ctx, { flash: { tone: tone === 'error' ? 'error' : 'success', message } })
  } else {
    ctx.session.flash(tone, message)
  }
}
