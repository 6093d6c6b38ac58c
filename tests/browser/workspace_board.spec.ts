/// <reference lib="dom" />
/*
| A project's board in the browser: a task added from the board lands in
| "To do", its arrow buttons move it to "Doing" and then "Done" by htmx (the
| board swaps in place, no page load), and the move is kept on reload.
*/
import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { TEST_SERVER, createStore } from '#tests/helpers'
import { seedProject, workspaceOf } from '#tests/functional/workspace/support'
import { signIn } from './support/session.js'

const BASE = TEST_SERVER

/** Marks the document, so a test can tell a swap from a page load */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__sameDocument = true))
}

async function sameDocument(page: Page) {
  return page.evaluate(() => (window as any).__sameDocument === true)
}

test.group('Workspace board (browser)', () => {
  test('create a task on the board, move it to Doing, then to Done', async ({ visit, assert }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'Summer launch')
    const page = await visit(`${BASE}/signin`)
    await signIn(page, fixture.members.member.email)
    await page.goto(`${BASE}/dashboard/projects/${project.id}`)

    const quick = page.locator('#quick-task-form')
    await quick.getByLabel('Add a task to To do').fill('Photograph the shirts')
    await quick.getByRole('button', { name: 'Add a task' }).click()
    await page.waitForSelector('.flash')
    const todo = page.locator('#column-todo')
    await todo.getByText('Photograph the shirts').waitFor()
    const [task] = (await workspaceOf(fixture)).tasks
    assert.equal(task.status, 'todo')

    await page.waitForFunction(() => document.documentElement.classList.contains('htmx-on'))
    await markDocument(page)
    await page.getByRole('button', { name: 'Move “Photograph the shirts” to Doing' }).click()
    await page.locator(`#column-doing #task-${task.id}`).waitFor()
    assert.equal(await page.locator(`#column-todo #task-${task.id}`).count(), 0)
    const flash = page.locator('[data-flash-region] [role="status"] .flash')
    await flash.waitFor()
    assert.include(await flash.innerText(), 'is now in Doing')

    await page.getByRole('button', { name: 'Move “Photograph the shirts” to Done' }).click()
    await page.locator(`#column-done #task-${task.id}`).waitFor()
    assert.isTrue(await sameDocument(page), 'the board was swapped, not the page loaded again')
    // focus stays on the moved card's button that is still there (htmx keeps an id's focus)
    assert.equal(await page.locator(`#task-${task.id} [id^="move-${task.id}-"]`).count(), 1)

    await page.reload()
    await page.locator(`#column-done #task-${task.id}`).waitFor()
    assert.equal((await workspaceOf(fixture)).tasks[0].status, 'done')
  })

  test('without JavaScript the move buttons post the form and come back to the board', async ({
    browser,
    assert,
  }) => {
    const fixture = await createStore()
    const project = await seedProject(fixture, 'No script')
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.goto(`${BASE}/signin?lang=en`)
      const form = page.locator('form:has(input[name="password"])')
      await form.getByLabel('Email', { exact: true }).fill(fixture.owner.email)
      await form.getByLabel('Password', { exact: true }).fill('correct-horse-battery')
      await form.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL('**/dashboard')
      await page.goto(`${BASE}/dashboard/projects/${project.id}`)
      await page.locator('#quick-task-form').getByLabel('Add a task to To do').fill('Plain task')
      await page.locator('#quick-task-form').getByRole('button', { name: 'Add a task' }).click()
      await page.getByRole('button', { name: 'Move “Plain task” to Doing' }).click()
      await page.waitForURL(`**/dashboard/projects/${project.id}#task-*`)
      await page.locator('#column-doing').getByText('Plain task').waitFor()
      assert.equal((await workspaceOf(fixture)).tasks[0].status, 'doing')
    } finally {
      await context.close()
    }
  })
})
