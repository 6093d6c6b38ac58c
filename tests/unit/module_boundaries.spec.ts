import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Modules talk to each other only through `#<module>/mod`. A file may reach
 * anything inside its own module, and the shared roots below.
 */
const SHARED_ROOTS = new Set(['start', 'config', 'database', 'tests'])

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../app')

function tsFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry)
    if (statSync(path).isDirectory()) return tsFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function violationsIn(file: string) {
  const module = relative(APP_ROOT, file).split(sep)[0]
  const source = readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3]
    const where = `app/${relative(APP_ROOT, file)}: ${specifier}`
    if (specifier.startsWith('#')) {
      const [target, ...rest] = specifier.slice(1).split('/')
      if (SHARED_ROOTS.has(target) || target === module) continue
      if (rest.join('/') !== 'mod' && rest.join('/') !== 'mod.js') {
        found.push(`${where} (reaches into module "${target}"; import #${target}/mod)`)
      }
    } else if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier)
      const moduleRoot = join(APP_ROOT, module)
      if (target !== moduleRoot && !target.startsWith(moduleRoot + sep)) {
        found.push(`${where} (relative import leaves module "${module}")`)
      }
    }
  }
  return found
}

test.group('Module boundaries', () => {
  test('the scanner sees the app modules', ({ assert }) => {
    const files = tsFiles(APP_ROOT)
    assert.isAbove(files.length, 20)
    assert.isTrue(files.some((file) => file.endsWith(join('tenancy', 'mod.ts'))))
  })

  test('the scanner flags deep and climbing imports', ({ assert }) => {
    const probe = (specifier: string) =>
      [...`import x from '${specifier}'`.matchAll(IMPORT)].map((m) => m[1])
    assert.deepEqual(probe('#identity/models/user'), ['#identity/models/user'])
  })

  test('no module imports another module except through its mod', ({ assert }) => {
    const violations = tsFiles(APP_ROOT).flatMap(violationsIn)
    assert.deepEqual(violations, [], `Module boundary leaks:\n${violations.join('\n')}`)
  })
})
