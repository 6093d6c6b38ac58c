import { prettyPrintError } from '@adonisjs/core'
import { ignite } from './ignitor.js'

ignite()
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
