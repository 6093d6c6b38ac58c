/*
| Step: node_modules installed and no older than package-lock.json.
*/
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, log, mustRun } from './common.js'

function mtime(file) {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

export async function ensureDependencies() {
  const lockfile = join(ROOT, 'package-lock.json')
  const hidden = join(ROOT, 'node_modules', '.package-lock.json')
  const hasModules = existsSync(join(ROOT, 'node_modules'))
  if (!existsSync(lockfile)) {
    if (hasModules) return log('dependencies present (no package-lock.json)')
    log('installing dependencies (npm install)')
    return mustRun('npm', ['install'], {}, 'npm install')
  }
  if (hasModules && mtime(hidden) >= mtime(lockfile)) return log('dependencies up to date')
  log('installing dependencies (npm ci)')
  await mustRun('npm', ['ci'], {}, 'npm ci')
}
