/*
| The confirm_dialog component, enhanced: a <details data-confirm-dialog> whose
| summary opens its confirm form in place becomes a trigger that opens the same
| form in a modal <dialog>. Without this file (or without <dialog> support) the
| disclosure keeps working. Loaded with <script src defer> (no inline script).
*/
;(function () {
  function enhance(details) {
    if (details.dataset.enhanced || typeof HTMLDialogElement !== 'function') return
    const summary = details.querySelector(':scope > summary')
    const panel = details.querySelector(':scope > .confirm-panel')
    if (!summary || !panel) return
    details.dataset.enhanced = 'true'
    details.open = false

    const dialog = document.createElement('dialog')
    dialog.className = 'confirm-dialog'
    dialog.setAttribute('aria-labelledby', panel.getAttribute('aria-labelledby') || '')
    panel.removeAttribute('role')
    panel.removeAttribute('aria-labelledby')
    dialog.append(panel)
    details.after(dialog)

    const cancel = panel.querySelector('[data-confirm-cancel]')
    if (cancel) {
      cancel.hidden = false
      cancel.addEventListener('click', () => dialog.close())
    }
    summary.setAttribute('aria-haspopup', 'dialog')
    summary.addEventListener('click', (event) => {
      event.preventDefault()
      dialog.showModal()
      const first = panel.querySelector('input:not([type="hidden"]), [data-confirm-cancel]')
      if (first) first.focus()
    })
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close()
    })
    dialog.addEventListener('close', () => summary.focus())
  }

  function enhanceAll(root) {
    root.querySelectorAll('details[data-confirm-dialog]').forEach(enhance)
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => enhanceAll(document))
  } else {
    enhanceAll(document)
  }
  document.addEventListener('htmx:afterSettle', (event) => enhanceAll(event.target))
})()
