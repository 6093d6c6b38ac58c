/// <reference lib="dom" />
/*
| axe-core in the browser suite: `assertAccessible(page)` runs axe on the page
| as it is and fails on any serious or critical violation, naming the rule,
| its help text and the offending elements.
|
| The pages run under a strict CSP (script-src 'self'), which refuses the
| inline <script> that playwright's addScriptTag writes. So axe's source is
| evaluated through the DevTools protocol (page.evaluate), which the CSP does
| not govern, and the page itself stays exactly as served.
*/
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

const FAILING_IMPACTS = new Set(['serious', 'critical'])

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** The serious and critical axe violations on the page, as plain data. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe
    const results = await axe.run(document, { resultTypes: ['violations'] })
    return results.violations.map((violation: any) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node: any) => ({
        target: node.target.map(String),
        failureSummary: node.failureSummary,
      })),
    }))
  })
  return (violations as Violation[]).filter((violation) =>
    FAILING_IMPACTS.has(violation.impact ?? '')
  )
}

/** Describes violations one per line: rule id, impact, help, targets. */
export function describeViolations(violations: Violation[]) {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .map(
            (node) =>
              `    ${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`
          )
          .join('\n')
    )
    .join('\n')
}

/** Throws when axe finds a serious or critical violation on the page. */
export async function assertAccessible(page: Page, label = page.url()) {
  const violations = await axeViolations(page)
  if (violations.length) {
    throw new Error(
      `axe: ${violations.length} serious/critical violation(s) on ${label}\n${describeViolations(violations)}`
    )
  }
}
