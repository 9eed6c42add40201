/**
 * @module
 * Static assets served under content-hashed names (`/static/site.3f2a9c1b.css`): cached
 * forever by browsers and CDNs, compressed once (on first use).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { sourcePath } from '../platform/paths.js'

export interface Asset {
  readonly url: string
  readonly type: string
  readonly body: Buffer
  readonly gzip: Buffer
  readonly brotli: Buffer
  readonly etag: string
}

const ASSET_DIR = sourcePath('site', 'assets')
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8' }

/** `file`: a name in src/site/assets/, or an absolute path (other modules' assets). */
function buildAsset(file: string): Asset {
  const body = fs.readFileSync(path.resolve(ASSET_DIR, file))
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10)
  const ext = path.extname(file)
  // Compressed once, on the first request that wants it: brotli at quality 11 costs tens of
  // milliseconds a file, which a start would otherwise spend before its first answer.
  let gzip: Buffer | undefined
  let brotli: Buffer | undefined
  return {
    url: `/static/${path.basename(file, ext)}.${hash}${ext}`,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    get gzip() {
      return (gzip ??= zlib.gzipSync(body, { level: 9 }))
    },
    get brotli() {
      return (brotli ??= zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
    },
    etag: `"${hash}"`,
  }
}

export class AssetRegistry {
  private readonly byUrl = new Map<string, Asset>()
  private readonly byFile = new Map<string, Asset>()
  readonly stylesheet: Asset

  constructor() {
    this.stylesheet = this.add(buildAsset('site.css'))
  }

  private add(asset: Asset): Asset {
    this.byUrl.set(asset.url, asset)
    return asset
  }

  /** Serves another module's file (absolute path) under a hashed `/static/` URL; once per file. */
  register(file: string): Asset {
    const known = this.byFile.get(file)
    if (known) return known
    const asset = this.add(buildAsset(file))
    this.byFile.set(file, asset)
    return asset
  }

  get(url: string): Asset | undefined {
    return this.byUrl.get(url)
  }
}

/** Picks the best precompressed body the client accepts. */
export function negotiateEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null
  if (/\bbr\b/.test(acceptEncoding)) return 'br'
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip'
  return null
}
