/*
| What every set-up step shares: the project root, the log line, the error
| meant for people, and running a command.
*/
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export const log = (message) => console.log(`setup: ${message}`)

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A failure of set-up whose message is meant for people (no stack). */
export class SetupError extends Error {}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Runs a command; throws a SetupError naming `what` unless it exits with 0. */
export async function mustRun(command, args, options, what) {
  const code = await run(command, args, options)
  if (code !== 0) {
    const line = [command, ...args].join(' ')
    throw new SetupError(`${what} failed (\`${line}\` exited with ${code})`)
  }
}
