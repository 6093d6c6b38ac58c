/*
| Flash messages that arrive with htmx responses. A controller's
| flashMessage() sends `HX-Trigger: {"flash":{"tone":"success","message":"…"}}`
| to htmx requests; htmx fires `flash` on the element that made the request
| and it bubbles here, where it is drawn like components/flash.edge into the
| layout's live region ([data-flash-region]: role="status" for success,
| role="alert" for errors).
|
| Also:
| - a 4xx answer that says how to swap itself (an `HX-Reswap` header: the
|   server rendered the fragment with its message in it) is swapped, where
|   htmx would otherwise drop it, so a refusal never leaves a stale row;
| - any other failed htmx request with no flash of its own shows the error
|   page's message (or the region's fallback text), never nothing;
| - <html> gets the class `htmx-on`, which hides the submit buttons marked
|   .hx-fallback that only script-less browsers need.
| Loaded with <script src defer> after htmx (no inline script).
*/
;(function () {
  if (window.htmx) document.documentElement.classList.add('htmx-on')

  const SUCCESS_TIMEOUT_MS = 8000

  function region() {
    return document.querySelector('[data-flash-region]')
  }

  function icon(name, sprite) {
    const ns = 'http://www.w3.org/2000/svg'
    const svg = document.createElementNS(ns, 'svg')
    svg.setAttribute('class', 'icon')
    svg.setAttribute('aria-hidden', 'true')
    svg.setAttribute('focusable', 'false')
    const use = document.createElementNS(ns, 'use')
    use.setAttribute('href', `${sprite}#${name}`)
    svg.append(use)
    return svg
  }

  /** Draws one message, as components/flash.edge does, in the region for its tone */
  function show(tone, message) {
    const root = region()
    if (!root || typeof message !== 'string' || !message) return
    const isError = tone === 'error'
    const live = root.querySelector(isError ? '[role="alert"]' : '[role="status"]')
    if (!live) return
    const sprite = root.dataset.icons || '/icons.svg'

    const flash = document.createElement('div')
    flash.className = `flash flash-${isError ? 'error' : 'success'}`
    flash.append(icon(isError ? 'circle-alert' : 'circle-check', sprite))
    const text = document.createElement('p')
    text.className = 'notice-text'
    text.textContent = message
    flash.append(text)

    const dismiss = document.createElement('button')
    dismiss.type = 'button'
    dismiss.className = 'flash-dismiss'
    dismiss.setAttribute('aria-label', root.dataset.dismissLabel || 'Dismiss')
    dismiss.append(icon('x', sprite))
    dismiss.addEventListener('click', () => flash.remove())
    flash.append(dismiss)

    // one message per tone at a time: the newest says what just happened
    live.replaceChildren(flash)
    if (!isError) {
      setTimeout(() => {
        if (!flash.contains(document.activeElement)) flash.remove()
      }, SUCCESS_TIMEOUT_MS)
    }
  }

  function flashOf(xhr) {
    const header = xhr && xhr.getResponseHeader('HX-Trigger')
    if (!header) return null
    try {
      const events = JSON.parse(header)
      return events && typeof events === 'object' ? events.flash || null : null
    } catch {
      return null
    }
  }

  /** The message of an error page (core/error.edge) in a response, if there is one */
  function messageIn(xhr) {
    try {
      const page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html')
      const found = page.querySelector('.error-message, .error-page h1, [role="alert"]')
      return found ? found.textContent.trim() : ''
    } catch {
      return ''
    }
  }

  document.addEventListener('flash', (event) => {
    const detail = event.detail || {}
    show(detail.tone, detail.message)
  })

  document.addEventListener('htmx:beforeSwap', (event) => {
    const xhr = event.detail.xhr
    if (xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader('HX-Reswap')) {
      event.detail.shouldSwap = true
      event.detail.isError = false
    }
  })

  function failed(event) {
    const xhr = event.detail.xhr
    if (xhr && flashOf(xhr)) return
    const root = region()
    const message = (xhr && xhr.status ? messageIn(xhr) : '') || (root && root.dataset.errorText)
    show('error', message)
  }
  document.addEventListener('htmx:responseError', failed)
  document.addEventListener('htmx:sendError', failed)
})()
