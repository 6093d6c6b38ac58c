/*
| The data_table and row_menu components, enhanced. Without this file both
| work: the select-all box sends all=page to the bulk form, and a row menu
| is a <details> that opens and closes with its button.
| With it: the select-all box checks every row of its table (and shows as
| mixed when some are), the bulk form says how many rows are selected, and
| an open row menu closes on Escape (focus back on its button), on a click
| elsewhere, and when another one opens. Listeners sit on the document, so
| tables swapped in by htmx need nothing more. Loaded with <script src defer>.
*/
;(function () {
  function tableOf(element) {
    return element.closest('[data-data-table]')
  }

  function refresh(table) {
    if (!table) return
    const rows = [...table.querySelectorAll('[data-select-row]')]
    const checked = rows.filter((box) => box.checked).length
    const all = table.querySelector('[data-select-all]')
    if (all) {
      all.checked = rows.length > 0 && checked === rows.length
      all.indeterminate = checked > 0 && checked < rows.length
    }
    const count = table.querySelector('[data-selected-count]')
    if (count) {
      const template = count.dataset.template || '{count}'
      count.textContent = checked ? template.replace('{count}', String(checked)) : ''
    }
  }

  document.addEventListener('change', (event) => {
    const target = event.target
    if (!(target instanceof HTMLInputElement)) return
    if (target.matches('[data-select-all]')) {
      const table = tableOf(target)
      if (!table) return
      for (const box of table.querySelectorAll('[data-select-row]')) box.checked = target.checked
      refresh(table)
    } else if (target.matches('[data-select-row]')) {
      refresh(tableOf(target))
    }
  })

  function openMenus() {
    return [...document.querySelectorAll('details[data-row-menu][open]')]
  }

  document.addEventListener(
    'toggle',
    (event) => {
      const menu = event.target
      if (!(menu instanceof HTMLDetailsElement) || !menu.matches('[data-row-menu]') || !menu.open)
        return
      for (const other of openMenus()) if (other !== menu) other.open = false
    },
    true
  )

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    // a modal confirm dialog opened from the menu closes first, by itself
    if (document.querySelector('dialog[open]')) return
    const menu =
      event.target instanceof Element && event.target.closest('details[data-row-menu][open]')
    if (!menu) return
    menu.open = false
    menu.querySelector(':scope > summary').focus()
  })

  document.addEventListener('click', (event) => {
    const target = event.target
    for (const menu of openMenus()) {
      if (target instanceof Node && menu.contains(target)) continue
      if (target instanceof Element && target.closest('dialog')) continue
      menu.open = false
    }
  })
})()
