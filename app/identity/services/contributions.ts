import type { ModuleManifest } from '#core/mod'

/**
 * What every module contributes to one part of a page (set-up steps,
 * overview panels), collected once at boot: by `order` (lowest first), then
 * in module order. An id used twice stops the boot.
 */
export function collectContributions<T extends { id: string; order?: number }>(
  manifests: readonly ModuleManifest[],
  kind: string,
  contributionsOf: (manifest: ModuleManifest) => readonly T[] | undefined
): readonly T[] {
  const found: { item: T; position: number }[] = []
  const ids = new Set<string>()
  for (const manifest of manifests) {
    for (const item of contributionsOf(manifest) ?? []) {
      if (ids.has(item.id)) {
        throw new Error(`${kind} "${item.id}" is defined twice (again by ${manifest.name})`)
      }
      ids.add(item.id)
      found.push({ item, position: found.length })
    }
  }
  return found
    .sort(
      (a, b) =>
        (a.item.order ?? Number.MAX_SAFE_INTEGER) - (b.item.order ?? Number.MAX_SAFE_INTEGER) ||
        a.position - b.position
    )
    .map(({ item }) => item)
}
