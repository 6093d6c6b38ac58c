/*
| Copy buttons: a <button data-copy="text" hidden> is shown once this file
| runs and copies its text to the clipboard, then says "Copied" (or that it
| could not) in the live region named by data-copy-status. Without this file
| the button stays hidden and the text beside it is a link to select and copy.
| Loaded with <script src defer> (no inline script). Works after htmx swaps.
*/
;(function () {
  const CLEAR_AFTER_MS = 4000

  function reveal(root) {
    root.querySelectorAll('button[data-copy][hidden]').forEach((button) => {
      button.hidden = false
    })
  }

  /** The old way, for pages outside a secure context: copy a selected, hidden textarea */
  function copyBySelection(text) {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'visually-hidden'
    document.body.append(area)
    area.select()
    let copied = false
    try {
      copied = document.execCommand('copy')
    } finally {
      area.remove()
    }
    if (!copied) throw new Error('copy refused')
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text)
        return
      } catch {
        // denied (no permission, no focus): try the old way
      }
    }
    copyBySelection(text)
  }

  const timers = new WeakMap()

  function announce(region, message) {
    if (!region) return
    clearTimeout(timers.get(region))
    // Emptied first, so saying the same words again is announced again
    region.textContent = ''
    requestAnimationFrame(() => {
      region.textContent = message
      timers.set(
        region,
        setTimeout(() => {
          region.textContent = ''
        }, CLEAR_AFTER_MS)
      )
    })
  }

  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element && event.target.closest('button[data-copy]')
    if (!button) return
    const region = document.getElementById(button.dataset.copyStatus || '')
    try {
      await copy(button.dataset.copy || '')
      announce(region, button.dataset.copied || 'Copied')
    } catch {
      announce(region, button.dataset.copyFailed || 'Could not copy')
    }
  })

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => reveal(document))
  } else {
    reveal(document)
  }
  document.addEventListener('htmx:afterSettle', (event) => reveal(event.target))
})()
