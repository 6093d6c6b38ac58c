import { prettyPrintError } from '@adonisjs/core'
import { ignite } from './ignitor.js'

ignite()
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
