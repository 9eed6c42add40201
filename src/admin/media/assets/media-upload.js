// The media library's upload form, enhanced: drag and drop onto the form, each file sent on
// its own with fetch() to /api/admin/media (so several large files never share one request),
// progress and messages (the user's language: the page's #media-messages JSON block) in a
// live region, new images added to the top of the grid.
// Without this script the same form posts multipart to /admin/media and works as well.
const form = document.getElementById('media-upload')
if (form instanceof HTMLFormElement && 'fetch' in window && 'FormData' in window) {
  const input = form.querySelector('input[type="file"]')
  const zone = document.getElementById('media-dropzone')
  const status = document.getElementById('media-upload-status')
  const grid = document.getElementById('media-grid')
  const count = document.getElementById('media-count')
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? ''
  const maxBytes = Number(form.dataset.maxBytes) || Infinity
  const maxLabel = form.dataset.maxLabel || ''
  const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']
  let busy = false
  const block = document.getElementById('media-messages')
  const messages = block ? JSON.parse(block.textContent || '{}') : {}
  /** A message with its {name} values filled in (the key itself if the page sent none). */
  const t = (key, values = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole))

  zone?.classList.add('dropzone-ready')
  zone?.querySelector('.dropzone-hint')?.removeAttribute('hidden')

  const say = (text, kind = 'info') => {
    const p = document.createElement('p')
    p.className = `upload-line upload-${kind}`
    p.textContent = text
    status?.append(p)
    return p
  }

  const plural = (n, one, few, many) => {
    const r10 = n % 10
    const r100 = n % 100
    if (n === 1) return one
    if (r10 >= 2 && r10 <= 4 && (r100 < 12 || r100 > 14)) return few
    return many
  }

  const addToGrid = (item) => {
    if (!grid) return
    grid.querySelector(`[data-media-id="${item.id}"]`)?.remove()
    const li = document.createElement('li')
    li.className = 'media-item media-item-new'
    li.dataset.mediaId = String(item.id)
    const link = document.createElement('a')
    link.href = item.editUrl
    link.className = 'media-thumb'
    link.tabIndex = -1
    link.setAttribute('aria-hidden', 'true')
    const img = document.createElement('img')
    img.src = item.thumbnailUrl
    img.alt = item.alt
    img.width = item.width
    img.height = item.height
    link.append(img)
    const meta = document.createElement('div')
    meta.className = 'media-meta'
    const alt = document.createElement('p')
    alt.className = 'media-alt'
    const altLink = document.createElement('a')
    altLink.href = item.editUrl
    if (item.alt) altLink.textContent = item.alt
    else {
      const strong = document.createElement('strong')
      strong.className = 'media-missing-alt'
      strong.textContent = t('media.js.missingAlt')
      altLink.append(strong)
    }
    alt.append(altLink)
    const facts = document.createElement('p')
    facts.className = 'muted'
    facts.textContent = [item.credit ? t('media.js.credit', { credit: item.credit }) : '', `${item.width}\u00a0×\u00a0${item.height}\u00a0px`, t('media.js.number', { id: item.id }), item.originalName]
      .filter(Boolean)
      .join(' · ')
    meta.append(alt, facts)
    li.append(link, meta)
    grid.prepend(li)
  }

  const upload = async (files) => {
    if (busy || files.length === 0) return
    busy = true
    form.classList.add('uploading')
    if (status) status.textContent = ''
    let done = 0
    for (const file of files) {
      if (file.size > maxBytes) {
        say(t('media.js.tooBig', { file: file.name, max: maxLabel }), 'error')
        continue
      }
      if (file.type && !TYPES.includes(file.type)) {
        // The server judges by the bytes; this only spares sending an obvious non-image.
        say(t('media.js.badType', { file: file.name }), 'error')
        continue
      }
      const line = say(t('media.js.uploading', { file: file.name }))
      const body = new FormData()
      body.append('file', file, file.name)
      for (const name of ['alt', 'credit']) {
        const field = form.elements.namedItem(name)
        if (field && 'value' in field && field.value.trim()) body.append(name, field.value.trim())
      }
      try {
        const res = await fetch('/api/admin/media', {
          method: 'POST',
          body,
          credentials: 'same-origin',
          headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
        })
        const data = await res.json().catch(() => null)
        if (res.ok && data) {
          addToGrid(data)
          done++
          line.textContent = res.status === 201 ? t('media.js.uploaded', { file: file.name }) : t('media.js.duplicate', { file: file.name })
          line.className = 'upload-line upload-ok'
        } else {
          line.textContent = `${file.name}: ${data?.detail ?? t('media.js.serverError', { status: res.status })}`
          line.className = 'upload-line upload-error'
        }
      } catch {
        line.textContent = t('media.js.offline', { file: file.name })
        line.className = 'upload-line upload-error'
      }
    }
    if (done > 0) {
      say(t(`media.js.done.${plural(done, 'one', 'few', 'many')}`, { n: done }), 'ok')
      if (count && grid) count.textContent = t(`media.js.added.${plural(done, 'one', 'few', 'many')}`, { n: done })
    }
    if (input) input.value = ''
    form.classList.remove('uploading')
    busy = false
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (!input?.files?.length) {
      if (status) status.textContent = ''
      say(t('media.js.chooseFile'), 'error')
      input?.focus()
      return
    }
    void upload([...input.files])
  })

  // A file dropped beside the zone would make the browser leave the page to show it.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files') && !(zone && zone.contains(event.target))) {
        event.preventDefault()
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'none'
      }
    })
  }

  if (zone) {
    for (const type of ['dragenter', 'dragover']) {
      zone.addEventListener(type, (event) => {
        if (!event.dataTransfer?.types.includes('Files')) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        zone.classList.add('dragging')
      })
    }
    zone.addEventListener('dragleave', (event) => {
      if (!zone.contains(event.relatedTarget)) zone.classList.remove('dragging')
    })
    zone.addEventListener('drop', (event) => {
      event.preventDefault()
      zone.classList.remove('dragging')
      void upload([...(event.dataTransfer?.files ?? [])])
    })
  }
}
