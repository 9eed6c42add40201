/**
 * @module
 * A real S3-compatible server for tests: `@20minutes/s3rver` (a maintained fork of s3rver
 * that verifies AWS Signature V4) on 127.0.0.1, a random port and a temporary directory.
 *
 * Its only account is `S3RVER` / `S3RVER`. Path-style requests are verified by the server
 * itself. Its check of virtual-host requests is wrong (it puts the bucket into the canonical
 * path), so `virtualHostFetch` verifies those signatures independently (`verifySigV4`) and
 * a second instance that accepts any signature stores the objects.
 */
import { createHash, createHmac } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import S3rver from '@20minutes/s3rver'

export const S3_ACCESS_KEY_ID = 'S3RVER'
export const S3_SECRET_ACCESS_KEY = 'S3RVER'
export const S3_BUCKET = 'depesza-media'
/** Virtual-host requests go to `<bucket>.s3.test:<port>`. */
export const S3_SERVICE_DOMAIN = 'test'

export interface TestS3 {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string
  readonly port: number
  /** Where the server keeps buckets and objects. */
  readonly directory: string
  /** The environment of an application storing media in the bucket. */
  env(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

export async function startS3(options: { allowMismatchedSignatures?: boolean } = {}): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    serviceEndpoint: S3_SERVICE_DOMAIN,
    allowMismatchedSignatures: options.allowMismatchedSignatures ?? false,
    configureBuckets: [{ name: S3_BUCKET }],
  })
  const address = await server.run()
  const endpoint = `http://127.0.0.1:${address.port}`
  return {
    endpoint,
    port: address.port,
    directory,
    env: (extra = {}) => ({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET,
      S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY,
      ...extra,
    }),
    async close() {
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

export interface SeenRequest {
  readonly method: string
  readonly host: string
  readonly path: string
  /** The independent signature check: null when valid, else why not. */
  readonly signatureProblem: string | null
}

/**
 * A fetch for virtual-host URLs (`http://<bucket>.s3.test:<port>/key`, names that do not
 * resolve): checks each request's signature with `verifySigV4`, then sends it unchanged —
 * Host header included — to 127.0.0.1:<port>.
 */
export function virtualHostFetch(port: number, secretAccessKey: string, seen: SeenRequest[]): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    headers.host = url.host
    if (body.length) headers['content-length'] = String(body.length)
    seen.push({ method: request.method, host: url.host, path: url.pathname, signatureProblem: verifySigV4(request.method, url, headers, secretAccessKey) })
    return new Promise<Response>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: request.method, path: url.pathname + url.search, headers }, (res) => {
        const responseHeaders = new Headers()
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value)
        }
        const nullBody = request.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304
        if (nullBody) res.resume()
        resolve(new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status: res.statusCode ?? 500, headers: responseHeaders }))
      })
      req.on('error', reject)
      req.end(body)
    })
  }
}

/**
 * Recomputes an AWS Signature V4 header signature (the S3 variant: no path normalisation,
 * payload hash from `x-amz-content-sha256`) and compares it; null when it matches.
 */
export function verifySigV4(method: string, url: URL, headers: Record<string, string>, secretAccessKey: string): string | null {
  const auth = headers.authorization
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth ?? '')
  if (!match) return `malformed Authorization: ${auth}`
  const [, , date, region, service, signedHeaders, signature] = match as unknown as string[]
  const amzDate = headers['x-amz-date'] ?? ''
  if (!amzDate.startsWith(date!)) return 'x-amz-date does not match the credential date'
  const payloadHash = headers['x-amz-content-sha256']
  if (!payloadHash) return 'no x-amz-content-sha256'
  const names = signedHeaders!.split(';')
  if (!names.includes('host')) return 'host is not signed'
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const query = [...url.searchParams]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/')
  const canonicalRequest = [method, canonicalPath, query, canonicalHeaders, signedHeaders, payloadHash].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n')
  let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(date!).digest()
  for (const part of [region!, service!, 'aws4_request']) key = createHmac('sha256', key).update(part).digest()
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex')
  return expected === signature ? null : `signature mismatch for canonical request:\n${canonicalRequest}`
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
