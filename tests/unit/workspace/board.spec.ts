import { test } from '@japa/runner'
import {
  changedPlaces,
  columnsOf,
  destinationOf,
  moveInColumns,
  placesOf,
  withoutTask,
  type Columns,
  type Move,
  type Placed,
} from '#workspace/services/board'

const board = (): Columns => ({ todo: ['a', 'b', 'c'], doing: ['d'], done: [] })

/** After every move, each column reads 0..n-1 and no task is lost or doubled */
function assertDense(assert: any, columns: Columns, ids: string[]) {
  const places = placesOf(columns)
  assert.sameMembers(
    places.map((place) => place.id),
    ids
  )
  for (const status of ['todo', 'doing', 'done'] as const) {
    assert.deepEqual(
      places.filter((place) => place.status === status).map((place) => place.position),
      columns[status].map((_, index) => index)
    )
  }
}

test.group('Workspace board | where a move takes a task', () => {
  const cases: [string, string, Move, Columns][] = [
    ['up from the middle', 'b', { step: 'up' }, { todo: ['b', 'a', 'c'], doing: ['d'], done: [] }],
    ['up from the top stays', 'a', { step: 'up' }, board()],
    [
      'down from the middle',
      'b',
      { step: 'down' },
      { todo: ['a', 'c', 'b'], doing: ['d'], done: [] },
    ],
    ['down from the bottom stays', 'c', { step: 'down' }, board()],
    [
      'next keeps its place as far as the column reaches',
      'c',
      { step: 'next' },
      { todo: ['a', 'b'], doing: ['d', 'c'], done: [] },
    ],
    [
      'next at index 0 goes to the top',
      'a',
      { step: 'next' },
      { todo: ['b', 'c'], doing: ['a', 'd'], done: [] },
    ],
    [
      'next into an empty column',
      'd',
      { step: 'next' },
      { todo: ['a', 'b', 'c'], doing: [], done: ['d'] },
    ],
    ['previous from the first column stays', 'a', { step: 'previous' }, board()],
    ['previous', 'd', { step: 'previous' }, { todo: ['d', 'a', 'b', 'c'], doing: [], done: [] }],
    [
      'a column without a place: the end of it',
      'a',
      { status: 'doing' },
      { todo: ['b', 'c'], doing: ['d', 'a'], done: [] },
    ],
    [
      'a place past the end is clamped',
      'a',
      { status: 'todo', position: 99 },
      { todo: ['b', 'c', 'a'], doing: ['d'], done: [] },
    ],
    [
      'a place in the same column',
      'c',
      { status: 'todo', position: 0 },
      { todo: ['c', 'a', 'b'], doing: ['d'], done: [] },
    ],
  ]
  for (const [label, id, move, expected] of cases) {
    test(label, ({ assert }) => {
      const columns = board()
      const to = destinationOf(columns, id, move)!
      const after = moveInColumns(columns, id, to)
      assert.deepEqual(after, expected)
      assertDense(assert, after, ['a', 'b', 'c', 'd'])
      assert.deepEqual(columns, board(), 'the columns given are left as they were')
    })
  }

  test('a task that is not on the board has no destination', ({ assert }) => {
    assert.isNull(destinationOf(board(), 'zz', { step: 'up' }))
  })
})

test.group('Workspace board | positions', () => {
  test('columns come from positions; gaps and ties read in order and are renumbered', ({
    assert,
  }) => {
    const tasks: Placed[] = [
      { id: 'x', status: 'todo', position: 5 },
      { id: 'y', status: 'todo', position: 2 },
      { id: 'z', status: 'todo', position: 2 },
      { id: 'w', status: 'done', position: 0 },
    ]
    const columns = columnsOf(tasks)
    assert.deepEqual(columns, { todo: ['y', 'z', 'x'], doing: [], done: ['w'] })
    assert.deepEqual(changedPlaces(tasks, columns), [
      { id: 'y', status: 'todo', position: 0 },
      { id: 'z', status: 'todo', position: 1 },
      { id: 'x', status: 'todo', position: 2 },
    ])
  })

  test('taking a task out closes the gap below it', ({ assert }) => {
    const after = withoutTask(board(), 'a')
    assert.deepEqual(after, { todo: ['b', 'c'], doing: ['d'], done: [] })
    assertDense(assert, after, ['b', 'c', 'd'])
  })

  test('any sequence of moves keeps every column dense', ({ assert }) => {
    let columns = board()
    const steps = ['up', 'down', 'previous', 'next'] as const
    let seed = 7
    for (let round = 0; round < 200; round++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const id = ['a', 'b', 'c', 'd'][seed % 4]
      const step = steps[(seed >> 3) % 4]
      columns = moveInColumns(columns, id, destinationOf(columns, id, { step })!)
      assertDense(assert, columns, ['a', 'b', 'c', 'd'])
    }
  })
})
