/*
| The CSV import form: shows the file picker once this file runs, and sends
| the chosen file as it is (`text/csv`, the CSRF token in a header, its name
| percent-encoded in X-File-Name), then opens the import's page. Without
| this file the form posts the pasted rows instead. Loaded with <script src defer>.
*/
;(function () {
  function enhance(form) {
    const picker = form.querySelector('[data-csv-file]')
    const input = picker && picker.querySelector('input[type=file]')
    const status = form.querySelector('[data-csv-status]')
    if (!input) return
    picker.hidden = false
    form.addEventListener('submit', async (event) => {
      const file = input.files && input.files[0]
      if (!file) return
      event.preventDefault()
      const button = form.querySelector('button[type=submit]')
      if (button) button.disabled = true
      if (status) status.textContent = form.dataset.sending || ''
      const token = form.querySelector('input[name=_csrf]')
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: file,
          headers: {
            'content-type': 'text/csv',
            'accept': 'application/json',
            'x-csrf-token': token ? token.value : '',
            'x-file-name': encodeURIComponent(file.name),
          },
          credentials: 'same-origin',
        })
        const answer = await response.json().catch(() => ({}))
        if (response.ok && answer.location) {
          window.location.assign(answer.location)
          return
        }
        const message = answer.errors && answer.errors[0] && answer.errors[0].message
        if (status) status.textContent = message || response.statusText
      } catch (error) {
        if (status) status.textContent = String(error)
      }
      if (button) button.disabled = false
    })
  }

  document.querySelectorAll('form[data-csv-upload]').forEach(enhance)
})()
