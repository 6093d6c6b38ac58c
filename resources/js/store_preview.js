/*
| The settings page's preview: a form with data-store-preview="<frame id>"
| and data-preview-url moves that frame to the preview of its unsaved
| values (name, language, tagline, theme, accent) a moment after each
| change, and hides its Preview button, which without this file sends the
| same values to the frame. Loaded with <script src defer> (no inline script).
*/
;(function () {
  const WAIT_MS = 300
  const FIELDS = ['storeName', 'defaultLocale', 'tagline', 'theme', 'accentColor']

  function previewUrl(form) {
    const data = new FormData(form)
    const query = new URLSearchParams()
    for (const name of FIELDS) {
      const value = data.get(name)
      if (typeof value === 'string') query.set(name, value)
    }
    const url = new URL(form.dataset.previewUrl, window.location.href)
    url.search = query.toString()
    return url.toString()
  }

  function wire(form) {
    const frame = document.getElementById(form.dataset.storePreview)
    if (!frame) return
    form.querySelectorAll('[data-preview-button]').forEach((button) => {
      button.hidden = true
    })
    let timer = null
    let shown = null
    const refresh = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        const url = previewUrl(form)
        if (url === shown) return
        shown = url
        frame.src = url
      }, WAIT_MS)
    }
    form.addEventListener('input', refresh)
    form.addEventListener('change', refresh)
  }

  function start() {
    document.querySelectorAll('form[data-store-preview]').forEach(wire)
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
