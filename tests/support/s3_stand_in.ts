import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for S3 in tests (there is no S3 here): path-style requests
 * (`/<bucket>/<key>`) for the operations the app's disk uses (PutObject,
 * CopyObject, GetObject with Range, HeadObject, DeleteObject,
 * ListObjectsV2), objects kept in memory. Every request must carry a valid
 * AWS Signature V4 made with the configured key pair, in its headers (the
 * SDK) or in its query string (a presigned URL): the signature is
 * recomputed from what arrived, so a header that differs from the signed
 * one (another Content-Length) fails, and an expired URL is refused, as S3
 * does. `/public/<key>` reads an object unsigned, as a CDN in front of the
 * bucket would.
 */

export interface S3Object {
  body: Buffer
  contentType: string
  cacheControl?: string
  lastModified: Date
}

export interface S3StandIn {
  url: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  region: string
  objects: Map<string, S3Object>
  /** Every request, with the status it got: what a test looks at to see what was refused and why */
  log: { method: string; path: string; status: number; code?: string }[]
  close(): Promise<void>
}

const MAX_CLOCK_SKEW_SECONDS = 15 * 60

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone) */
function encode(value: string) {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

/** `20261203T122522Z` → a Date */
function parseAmzDate(value: string) {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number)
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s))
}

class Refusal extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string
  ) {
    super(message)
  }
}

interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  region: string
}

/** Checks the request's SigV4 signature (header or query string); throws a Refusal if it fails */
function verifySignature(request: IncomingMessage, url: URL, body: Buffer, keys: Credentials) {
  const presigned = url.searchParams.has('X-Amz-Signature')
  let credential: string
  let signedHeaders: string
  let signature: string
  let amzDate: string
  let payloadHash: string
  if (presigned) {
    if (url.searchParams.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
      throw new Refusal(400, 'AuthorizationQueryParametersError', 'Unsupported algorithm')
    }
    credential = url.searchParams.get('X-Amz-Credential') ?? ''
    signedHeaders = url.searchParams.get('X-Amz-SignedHeaders') ?? ''
    signature = url.searchParams.get('X-Amz-Signature') ?? ''
    amzDate = url.searchParams.get('X-Amz-Date') ?? ''
    payloadHash = url.searchParams.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD'
    const expires = Number(url.searchParams.get('X-Amz-Expires'))
    const signedAt = parseAmzDate(amzDate)
    if (!signedAt || !Number.isInteger(expires) || expires < 1 || expires > 604800) {
      throw new Refusal(400, 'AuthorizationQueryParametersError', 'Bad X-Amz-Date or X-Amz-Expires')
    }
    if (Date.now() > signedAt.getTime() + expires * 1000) {
      throw new Refusal(403, 'AccessDenied', 'Request has expired')
    }
    if (signedAt.getTime() - Date.now() > MAX_CLOCK_SKEW_SECONDS * 1000) {
      throw new Refusal(403, 'RequestTimeTooSkewed', 'X-Amz-Date is in the future')
    }
  } else {
    const authorization = request.headers.authorization ?? ''
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(
        authorization
      )
    if (!match) throw new Refusal(403, 'AccessDenied', 'Anonymous access is not allowed')
    ;[, credential, signedHeaders, signature] = match
    amzDate = String(request.headers['x-amz-date'] ?? '')
    payloadHash = String(request.headers['x-amz-content-sha256'] ?? '')
    const signedAt = parseAmzDate(amzDate)
    if (!signedAt || Math.abs(Date.now() - signedAt.getTime()) > MAX_CLOCK_SKEW_SECONDS * 1000) {
      throw new Refusal(403, 'RequestTimeTooSkewed', 'X-Amz-Date is missing or too far off')
    }
    if (!payloadHash) throw new Refusal(400, 'InvalidRequest', 'Missing x-amz-content-sha256')
    if (!['UNSIGNED-PAYLOAD'].includes(payloadHash) && payloadHash !== sha256(body)) {
      throw new Refusal(400, 'XAmzContentSHA256Mismatch', 'The body is not the one signed')
    }
  }

  const [accessKeyId, date, region, service, terminator] = credential.split('/')
  if (accessKeyId !== keys.accessKeyId) {
    throw new Refusal(403, 'InvalidAccessKeyId', 'The access key does not exist')
  }
  if (
    date !== amzDate.slice(0, 8) ||
    region !== keys.region ||
    service !== 's3' ||
    terminator !== 'aws4_request'
  ) {
    throw new Refusal(400, 'AuthorizationHeaderMalformed', 'Bad credential scope')
  }
  const headerNames = signedHeaders.split(';')
  if (!headerNames.includes('host')) {
    throw new Refusal(403, 'AccessDenied', 'The host header must be signed')
  }

  const query = [...url.searchParams.entries()]
    .filter(([name]) => !(presigned && name === 'X-Amz-Signature'))
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  const headers = headerNames
    .map((name) => {
      const value = request.headers[name]
      if (value === undefined) throw new Refusal(403, 'SignatureDoesNotMatch', `No ${name} header`)
      const text = Array.isArray(value) ? value.join(',') : value
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`
    })
    .join('')
  const canonical = [request.method, url.pathname, query, headers, signedHeaders, payloadHash].join(
    '\n'
  )
  const scope = `${date}/${region}/s3/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  let key = hmac(`AWS4${keys.secretAccessKey}`, date)
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part)
  const expected = Buffer.from(createHmac('sha256', key).update(toSign).digest('hex'))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Refusal(403, 'SignatureDoesNotMatch', 'The signature does not match')
  }
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

const etagOf = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`

export async function startS3StandIn(
  options: Partial<Credentials & { bucket: string }> = {}
): Promise<S3StandIn> {
  const keys: Credentials = {
    accessKeyId: options.accessKeyId ?? 'STANDINACCESSKEY',
    secretAccessKey: options.secretAccessKey ?? 'stand-in-secret-access-key',
    region: options.region ?? 'auto',
  }
  const bucket = options.bucket ?? 'bazaar-media'
  const objects = new Map<string, S3Object>()
  const log: S3StandIn['log'] = []

  function send(
    response: ServerResponse,
    status: number,
    body: string | Buffer = '',
    headers: Record<string, string> = {}
  ) {
    response.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
    response.end(body)
  }

  function sendObject(
    request: IncomingMessage,
    response: ServerResponse,
    object: S3Object | undefined
  ) {
    if (!object) {
      throw new Refusal(404, 'NoSuchKey', 'The specified key does not exist.')
    }
    const headers: Record<string, string> = {
      'content-type': object.contentType,
      'etag': etagOf(object.body),
      'last-modified': object.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
    }
    if (object.cacheControl) headers['cache-control'] = object.cacheControl
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''))
    if (range && request.method === 'GET') {
      const start = Number(range[1])
      const end = Math.min(range[2] ? Number(range[2]) : Infinity, object.body.length - 1)
      if (start >= object.body.length) {
        throw new Refusal(416, 'InvalidRange', 'The requested range is not satisfiable')
      }
      const part = object.body.subarray(start, end + 1)
      headers['content-range'] = `bytes ${start}-${end}/${object.body.length}`
      return send(response, 206, part, headers)
    }
    if (request.method === 'HEAD') {
      response.writeHead(200, { ...headers, 'content-length': String(object.body.length) })
      return response.end()
    }
    send(response, 200, object.body, headers)
  }

  function listObjects(url: URL, response: ServerResponse) {
    const prefix = url.searchParams.get('prefix') ?? ''
    const delimiter = url.searchParams.get('delimiter') ?? ''
    const keysFound = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort()
    const contents: string[] = []
    const prefixes = new Set<string>()
    for (const key of keysFound) {
      const rest = key.slice(prefix.length)
      const cut = delimiter ? rest.indexOf(delimiter) : -1
      if (cut >= 0) {
        prefixes.add(prefix + rest.slice(0, cut + delimiter.length))
        continue
      }
      const object = objects.get(key)!
      contents.push(
        `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified>` +
          `<ETag>${xmlEscape(etagOf(object.body))}</ETag><Size>${object.body.length}</Size>` +
          `<StorageClass>STANDARD</StorageClass></Contents>`
      )
    }
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
      `<Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${contents.length + prefixes.size}</KeyCount>` +
      `<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents.join('')}` +
      [...prefixes]
        .map((p) => `<CommonPrefixes><Prefix>${xmlEscape(p)}</Prefix></CommonPrefixes>`)
        .join('') +
      `</ListBucketResult>`
    send(response, 200, xml, { 'content-type': 'application/xml' })
  }

  function handle(request: IncomingMessage, response: ServerResponse, url: URL, body: Buffer) {
    const path = decodeURIComponent(url.pathname)
    if (path.startsWith('/public/') && ['GET', 'HEAD'].includes(request.method!)) {
      return sendObject(request, response, objects.get(path.slice('/public/'.length)))
    }
    if (path !== `/${bucket}` && !path.startsWith(`/${bucket}/`)) {
      throw new Refusal(404, 'NoSuchBucket', 'The specified bucket does not exist')
    }
    verifySignature(request, url, body, keys)
    const key = path.slice(bucket.length + 2)
    if (!key) {
      if (request.method === 'GET' && url.searchParams.get('list-type') === '2') {
        return listObjects(url, response)
      }
      throw new Refusal(501, 'NotImplemented', 'Not supported by the stand-in')
    }
    if (request.method === 'PUT') {
      const copySource = request.headers['x-amz-copy-source']
      if (copySource) {
        const sourcePath = decodeURIComponent(String(copySource)).replace(/^\//, '')
        if (!sourcePath.startsWith(`${bucket}/`)) {
          throw new Refusal(404, 'NoSuchBucket', 'The source bucket does not exist')
        }
        const source = objects.get(sourcePath.slice(bucket.length + 1))
        if (!source) throw new Refusal(404, 'NoSuchKey', 'The specified key does not exist.')
        const copied = { ...source, lastModified: new Date() }
        objects.set(key, copied)
        const xml = `<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><LastModified>${copied.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(etagOf(copied.body))}</ETag></CopyObjectResult>`
        return send(response, 200, xml, { 'content-type': 'application/xml' })
      }
      objects.set(key, {
        body,
        contentType: String(request.headers['content-type'] ?? 'binary/octet-stream'),
        cacheControl: request.headers['cache-control'],
        lastModified: new Date(),
      })
      return send(response, 200, '', { etag: etagOf(body) })
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      return sendObject(request, response, objects.get(key))
    }
    if (request.method === 'DELETE') {
      objects.delete(key)
      return send(response, 204)
    }
    throw new Refusal(405, 'MethodNotAllowed', 'The method is not allowed')
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in')
      const entry: S3StandIn['log'][number] = {
        method: request.method ?? 'GET',
        path: url.pathname,
        status: 200,
      }
      log.push(entry)
      try {
        handle(request, response, url, Buffer.concat(chunks))
        entry.status = response.statusCode
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        entry.status = error.status
        entry.code = error.code
        if (request.method === 'HEAD') {
          response.writeHead(error.status)
          return response.end()
        }
        const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error>`
        send(response, error.status, xml, { 'content-type': 'application/xml' })
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    ...keys,
    objects,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
