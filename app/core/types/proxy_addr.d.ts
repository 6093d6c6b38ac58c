/**
 * The part of proxy-addr (a dependency of the HTTP server, without types of
 * its own) that `trustProxyFrom` uses.
 */
declare module 'proxy-addr' {
  function compile(trusted: string | string[]): (address: string, hop: number) => boolean
  const proxyAddr: { compile: typeof compile }
  export default proxyAddr
}
