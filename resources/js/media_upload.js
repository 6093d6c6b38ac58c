/*
| A product's image upload: asks for a signed URL (the app's own on the local
| disk, the bucket's on S3), PUTs the file straight to storage with the
| headers it was told to send, then attaches the stored object to the product
| and reloads the page (whose images panel follows the resizing). Without this
| file the form posts the file as multipart, through the same checks. Loaded
| with <script src defer>.
*/
;(function () {
  function enhance(form) {
    const input = form.querySelector('input[type=file]')
    const alt = form.querySelector('input[name=altText]')
    const status = form.querySelector('[data-media-status]')
    const token = form.querySelector('input[name=_csrf]')
    if (!input || !window.fetch) return
    const say = (text) => {
      if (status) status.textContent = text || ''
    }
    const errorOf = async (response) => {
      const answer = await response.json().catch(() => ({}))
      return (answer.errors && answer.errors[0] && answer.errors[0].message) || response.statusText
    }
    const headers = {
      'accept': 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': token ? token.value : '',
    }
    form.addEventListener('submit', async (event) => {
      const file = input.files && input.files[0]
      if (!file) return
      event.preventDefault()
      const button = form.querySelector('button[type=submit]')
      if (button) button.disabled = true
      try {
        // The size is declared first: a presigned S3 URL signs it, so no other size is stored
        const signed = await fetch(form.dataset.signUrl, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
          body: JSON.stringify({ size: file.size }),
        })
        if (!signed.ok) throw new Error(await errorOf(signed))
        const { upload } = await signed.json()
        const stored = await fetch(upload.url, {
          method: upload.method || 'PUT',
          body: file,
          headers: Object.assign({ accept: 'application/json' }, upload.headers),
        })
        if (!stored.ok) throw new Error(await errorOf(stored))
        const attached = await fetch(upload.attach, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
          body: JSON.stringify({ key: upload.key, altText: alt ? alt.value : '' }),
        })
        if (!attached.ok) throw new Error(await errorOf(attached))
        window.location.reload()
        return
      } catch (error) {
        say(error.message || String(error))
      }
      if (button) button.disabled = false
    })
  }

  document.querySelectorAll('form[data-media-upload]').forEach(enhance)
})()
