import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)

function importer(filePath: string) {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/**
 * The one Ignitor the web server, Ace and the test runner start from.
 */
export function ignite() {
  return new Ignitor(APP_ROOT, { importer }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', async () => {
      await app.terminate()
      // A queue worker's open Redis connections would keep an Ace command
      // alive after it terminated; a job cut short is taken again by BullMQ
      // once it stalls, and every job here is safe to run twice
      if (app.getEnvironment() === 'console') process.exit(process.exitCode ?? 0)
    })
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
}
