import { defineConfig } from '@adonisjs/static'
import { FINGERPRINTED } from '#core/services/assets'

export default defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
  maxAge: '1d',
  // A content-hashed name changes with its content, so its copy never goes stale
  headers: (path: string) =>
    FINGERPRINTED.test(path) ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {},
})
