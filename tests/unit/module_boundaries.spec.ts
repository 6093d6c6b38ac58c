import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { modules } from '#start/modules'

/**
 * The module map is declared once, in each module's manifest (`dependsOn`,
 * `tables`); this file holds the code to it. A new arrow between modules is
 * a visible change to a manifest, never a quiet import.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const APP_ROOT = join(ROOT, 'app')
const manifests = new Map(modules.map((manifest) => [manifest.name, manifest]))

function tsFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry)
    if (statSync(path).isDirectory()) return tsFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function importsOf(source: string) {
  return [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3])
}

function moduleOf(file: string) {
  return relative(APP_ROOT, file).split(sep)[0]
}

/** What `file` (inside app/<module>) may not import, each with the reason. */
function appImportViolations(file: string, source: string) {
  const module = moduleOf(file)
  const allowed = new Set(manifests.get(module)?.dependsOn ?? [])
  const found: string[] = []
  for (const specifier of importsOf(source)) {
    const where = `app/${relative(APP_ROOT, file)}: ${specifier}`
    if (specifier.startsWith('#')) {
      const [target, ...rest] = specifier.slice(1).split('/')
      if (target === module || !manifests.has(target)) continue
      if (rest.join('/') !== 'mod') {
        found.push(`${where} (reaches into module "${target}"; import #${target}/mod)`)
      } else if (!allowed.has(target)) {
        found.push(`${where} ("${module}" does not declare a dependency on "${target}")`)
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

/** start/ reaches modules only through their mod.ts. */
function startImportViolations(file: string, source: string) {
  return importsOf(source).flatMap((specifier) => {
    const [target, ...rest] = specifier.startsWith('#') ? specifier.slice(1).split('/') : []
    if (!target || !manifests.has(target) || rest.join('/') === 'mod') return []
    return [`${relative(ROOT, file)}: ${specifier} (start/ imports modules only through mod.ts)`]
  })
}

/** Outside start/ itself, only config/ may import start/, and only the environment. */
function startImportedFrom(file: string, source: string) {
  const inConfig = relative(ROOT, file).startsWith(`config${sep}`)
  return importsOf(source)
    .filter((specifier) => specifier.startsWith('#start/'))
    .filter((specifier) => !(inConfig && specifier === '#start/env'))
    .map((specifier) => `${relative(ROOT, file)}: ${specifier}`)
}

function cycleIn(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'visiting') return [...path, node]
    if (state.get(node) === 'done') return null
    state.set(node, 'visiting')
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node])
      if (cycle) return cycle
    }
    state.set(node, 'done')
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node, [])
    if (cycle) return cycle
  }
  return null
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Where a query names `table`: in SQL (`from t`, `join t`, `into t`,
 * `update t`) or in a query builder call (`.from('t')`, `.join('t', …)`,
 * `.table('t')`).
 */
function namesTableInQuery(source: string, table: string) {
  const name = escapeRegExp(table)
  const sql = new RegExp(`\\b(from|join|into|update)\\s+["\`]?${name}\\b`, 'i')
  const builder = new RegExp(`\\.(from|join|leftJoin|table|into|update)\\(\\s*['"\`]${name}['"\`]`)
  return sql.test(source) || builder.test(source)
}

function migratedTables() {
  const directory = join(ROOT, 'database', 'migrations')
  return readdirSync(directory).flatMap((file) => {
    const source = readFileSync(join(directory, file), 'utf8')
    return [...source.matchAll(/createTable\(\s*['"]([a-z_]+)['"]/g)].map((match) => match[1])
  })
}

const appFiles = tsFiles(APP_ROOT)

test.group('Module boundaries', () => {
  test('the scanner sees the app modules and every module has a manifest', ({ assert }) => {
    assert.isAbove(appFiles.length, 20)
    const folders = readdirSync(APP_ROOT).filter((entry) =>
      statSync(join(APP_ROOT, entry)).isDirectory()
    )
    assert.sameMembers([...manifests.keys()], folders)
  })

  test('the scanner flags deep, undeclared and climbing imports', ({ assert }) => {
    const file = join(APP_ROOT, 'tenancy', 'services', 'probe.ts')
    const probe = (specifier: string) => appImportViolations(file, `import x from '${specifier}'`)
    assert.lengthOf(probe('#core/services/money'), 1, 'deep import')
    assert.lengthOf(probe('#identity/mod'), 1, 'tenancy does not depend on identity')
    assert.lengthOf(probe('../../identity/models/user.js'), 1, 'climbing out')
    assert.lengthOf(probe('#core/mod'), 0, 'declared dependency')
    assert.lengthOf(probe('./tenant_context.js'), 0, 'inside the module')
  })

  test('no module imports another except through its mod, and only what it declares', ({
    assert,
  }) => {
    const violations = appFiles.flatMap((file) =>
      appImportViolations(file, readFileSync(file, 'utf8'))
    )
    assert.deepEqual(violations, [], `Module boundary leaks:\n${violations.join('\n')}`)
  })

  test('start/ reaches modules only through their mod', ({ assert }) => {
    const files = tsFiles(join(ROOT, 'start'))
    const violations = files.flatMap((file) =>
      startImportViolations(file, readFileSync(file, 'utf8'))
    )
    assert.deepEqual(violations, [], violations.join('\n'))
  })

  test('nothing imports start/ (config/ reads the environment from it, nothing else)', ({
    assert,
  }) => {
    const files = [
      ...appFiles,
      ...tsFiles(join(ROOT, 'config')),
      ...tsFiles(join(ROOT, 'database')),
    ]
    const violations = files.flatMap((file) => startImportedFrom(file, readFileSync(file, 'utf8')))
    assert.deepEqual(violations, [], violations.join('\n'))
  })

  test('declared dependencies name known modules and form no cycle', ({ assert }) => {
    const graph = new Map(modules.map((manifest) => [manifest.name, manifest.dependsOn]))
    for (const [name, dependsOn] of graph) {
      for (const target of dependsOn) {
        assert.isTrue(manifests.has(target), `${name} depends on unknown module ${target}`)
      }
    }
    assert.isNull(cycleIn(graph))
    assert.deepEqual(
      cycleIn(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ])
      ),
      ['a', 'b', 'a']
    )
  })

  test('every table belongs to exactly one module', ({ assert }) => {
    const owners = modules.flatMap((manifest) => manifest.tables)
    assert.sameMembers(owners, [...new Set(owners)], 'a table is claimed twice')
    assert.sameMembers(owners, migratedTables())
  })

  test("no module's code names another module's table in a query", ({ assert }) => {
    assert.isTrue(namesTableInQuery(`db.from('tenants')`, 'tenants'))
    assert.isTrue(namesTableInQuery('select 1 from tenants t', 'tenants'))
    assert.isTrue(namesTableInQuery(`.join('users', 'users.id', 'm.user_id')`, 'users'))
    assert.isFalse(namesTableInQuery(`import Tenant from './tenants.js'`, 'tenants'))

    const violations: string[] = []
    for (const file of appFiles) {
      const module = moduleOf(file)
      const source = readFileSync(file, 'utf8')
      for (const other of modules) {
        if (other.name === module) continue
        for (const table of other.tables) {
          if (namesTableInQuery(source, table)) {
            violations.push(`app/${relative(APP_ROOT, file)} names ${other.name}'s "${table}"`)
          }
        }
      }
    }
    assert.deepEqual(violations, [], violations.join('\n'))
  })

  test('every command and job file is declared in its module manifest', async ({ assert }) => {
    for (const manifest of modules) {
      for (const kind of ['commands', 'jobs'] as const) {
        const directory = join(APP_ROOT, manifest.name, kind)
        const files = statSync(directory, { throwIfNoEntry: false })?.isDirectory()
          ? readdirSync(directory).map((file) => file.replace(/\.ts$/, ''))
          : []
        const declared = await Promise.all(
          (manifest[kind] ?? []).map(async (load) => {
            const { default: declaredClass } = await load()
            return declaredClass.name.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase()
          })
        )
        assert.sameMembers(declared, files, `${manifest.name}'s ${kind}`)
      }
    }
  })
})
