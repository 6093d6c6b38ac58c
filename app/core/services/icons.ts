import edge, { edgeGlobals } from 'edge.js'
import { assetUrl } from './assets.js'

/**
 * An icon from the sprite public/icons.svg (lucide-static, built by
 * bin/setup/copy_assets.js; add a name to ICONS there to make it available).
 * Decorative: hidden from assistive technology, so put the meaning in the
 * text beside it. In templates:
 *
 *   {{ iconSvg('users') }}
 *   {{ iconSvg('chevron-right', 'icon-directional') }}   (mirrored in Arabic)
 *
 * A function rather than a component: a page shows dozens, and every Edge
 * component call copies the whole shared state. (Named so that a component's
 * own `icon` prop does not hide it.)
 */
export function iconSvg(name: string, className = '') {
  const { escape, safe } = edgeGlobals.html
  const classes = className ? `icon ${escape(className)}` : 'icon'
  return safe(
    `<svg class="${classes}" aria-hidden="true" focusable="false"><use href="${escape(assetUrl('icons.svg'))}#${escape(name)}"></use></svg>`
  )
}

export function shareIcons() {
  edge.global('iconSvg', iconSvg)
}
