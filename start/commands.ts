import { ListLoader } from '@adonisjs/core/ace'
import type { BaseCommand } from '@adonisjs/core/ace'
import type { CommandMetaData } from '@adonisjs/core/types/ace'
import { modules } from './modules.js'

/*
| Ace loads the commands every module lists in its manifest.
*/
const commands = await Promise.all(
  modules
    .flatMap((module) => module.commands ?? [])
    .map(async (load) => {
      const { default: command } = await load()
      return command
    })
)
const loader = new ListLoader<typeof BaseCommand>(commands)

export function getMetaData() {
  return loader.getMetaData()
}

export function getCommand(metaData: CommandMetaData) {
  return loader.getCommand(metaData)
}
