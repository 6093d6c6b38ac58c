import { readFileSync, statSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'

/** Hashed file names look like `app.3f2a9c1b0d.css`: safe to keep for a year */
export const FINGERPRINTED = /\.[0-9a-f]{10}\.[A-Za-z0-9]+$/

let manifest: Record<string, string> = {}
let readAt = -1

/**
 * public/assets.json, written by set-up: each file's content-hashed name.
 * Read once in production; elsewhere again whenever set-up rewrote it.
 */
function currentManifest() {
  const file = app.publicPath('assets.json')
  try {
    const changedAt = app.inProduction && readAt >= 0 ? readAt : statSync(file).mtimeMs
    if (changedAt !== readAt) {
      manifest = JSON.parse(readFileSync(file, 'utf8'))
      readAt = changedAt
    }
  } catch {
    manifest = {}
  }
  return manifest
}

/** The URL of a file in public/: its content-hashed name when set-up made one */
export function assetUrl(file: string) {
  return `/${currentManifest()[file] ?? file}`
}

/** Templates link files with `asset('css/app.css')` */
export function shareAssetUrls() {
  edge.global('asset', assetUrl)
}
