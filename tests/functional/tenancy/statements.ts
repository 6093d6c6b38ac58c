import pg from 'pg'

/** Every statement the driver sends while `work` runs, in order */
export async function statementsSentDuring(work: () => Promise<unknown>) {
  const sent: string[] = []
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const config = args[0]
    sent.push(typeof config === 'string' ? config : config.text)
    return (query as any).apply(this, args)
  } as typeof query
  try {
    await work()
  } finally {
    pg.Client.prototype.query = query
  }
  return sent
}
