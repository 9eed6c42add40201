import fs from 'node:fs'
import sharp from 'sharp'
import zlib from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../test/support.js'
import { MAX_INPUT_PIXELS, MediaError, mediaFilePath, storeImage } from './media.service.js'
import { LocalDiskStorage } from './storage.js'

const META = { alt: 'Zielone pole', caption: 'Pole pod Łodzią', credit: 'Ilustracja: Depesza' }
const MARCH = () => new Date('2026-03-15T10:00:00Z')

function solid(width: number, height: number, colour = { r: 40, g: 160, b: 90 }) {
  return sharp({ create: { width, height, channels: 3, background: colour } })
}

async function refusal(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(MediaError)
    return err as MediaError
  }
  throw new Error('expected a MediaError')
}

describe('storeImage', () => {
  let testDb: TestDb
  let deps: { db: TestDb['db']; storage: LocalDiskStorage; now: () => Date }

  beforeEach(async () => {
    testDb = await createTestDb('sqlite')
    deps = { db: testDb.db, storage: new LocalDiskStorage(testDb.dataDir), now: MARCH }
  })
  afterEach(async () => {
    await testDb.close()
  })

  it('stores a JPEG under media/<yyyy>/<mm>/<hash>.jpg with its row', async () => {
    const bytes = await solid(300, 200).jpeg({ quality: 100 }).toBuffer()
    const row = await storeImage(deps, bytes, { ...META, copyright: '© Depesza', usageTerms: 'Tylko w serwisie' })
    expect(row.storage_key).toMatch(/^2026\/03\/[0-9a-f]{16}\.jpg$/)
    expect(row).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200, ...META, copyright: '© Depesza', usage_terms: 'Tylko w serwisie' })
    const file = mediaFilePath(testDb.dataDir, row.storage_key)
    expect(file.startsWith(`${testDb.dataDir}/media/2026/03/`)).toBe(true)
    const stored = fs.readFileSync(file)
    expect(stored.length).toBe(row.bytes)
    expect((await sharp(stored).metadata()).format).toBe('jpeg')
    const inDb = await testDb.db.selectFrom('media').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(inDb).toEqual(row)
  })

  it('keeps PNG, WebP, GIF and AVIF in their format', async () => {
    const cases = [
      { bytes: await solid(64, 48).png().toBuffer(), ext: 'png', mime: 'image/png' },
      { bytes: await solid(64, 48, { r: 1, g: 2, b: 3 }).webp().toBuffer(), ext: 'webp', mime: 'image/webp' },
      { bytes: await solid(64, 48, { r: 200, g: 2, b: 3 }).gif().toBuffer(), ext: 'gif', mime: 'image/gif' },
      { bytes: await solid(64, 48, { r: 9, g: 90, b: 200 }).avif().toBuffer(), ext: 'avif', mime: 'image/avif' },
    ]
    for (const c of cases) {
      const row = await storeImage(deps, c.bytes, META)
      expect(row.storage_key.endsWith(`.${c.ext}`)).toBe(true)
      expect(row).toMatchObject({ mime: c.mime, width: 64, height: 48 })
    }
  })

  it('refuses a non-image renamed .jpg with a Polish message and writes nothing', async () => {
    const bytes = Buffer.from('To nie jest zdjęcie, tylko tekst udający plik photo.jpg\n'.repeat(20))
    const err = await refusal(storeImage(deps, bytes, META))
    expect(err.code).toBe('UnsupportedType')
    expect(err.message).toContain('Nieobsługiwany typ pliku')
    expect(await testDb.db.selectFrom('media').selectAll().execute()).toEqual([])
    expect(fs.existsSync(`${testDb.dataDir}/media`)).toBe(false)
  })

  it('refuses empty input and image types outside the list (SVG, TIFF)', async () => {
    expect((await refusal(storeImage(deps, Buffer.alloc(0), META))).code).toBe('UnsupportedType')
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    expect((await refusal(storeImage(deps, svg, META))).code).toBe('UnsupportedType')
    const tiff = await solid(10, 10).tiff().toBuffer()
    expect((await refusal(storeImage(deps, tiff, META))).code).toBe('UnsupportedType')
  })

  it('refuses a truncated image as corrupt', async () => {
    const bytes = await solid(400, 400).jpeg().toBuffer()
    const err = await refusal(storeImage(deps, bytes.subarray(0, Math.floor(bytes.length / 2)), META))
    expect(err.code).toBe('Corrupt')
  })

  it('refuses images over 40 megapixels (judged from the header, before decoding)', async () => {
    // A small PNG whose header claims 8000 × 5001 = 40.008 Mpx, as a decompression bomb would.
    const png = await solid(8, 8).png().toBuffer()
    const ihdr = png.subarray(12, 29) // "IHDR" + 13 bytes of data
    ihdr.writeUInt32BE(8000, 4)
    ihdr.writeUInt32BE(5001, 8)
    png.writeUInt32BE(zlib.crc32(ihdr), 29)
    expect(8000 * 5001).toBeGreaterThan(MAX_INPUT_PIXELS)
    const err = await refusal(storeImage(deps, png, META))
    expect(err.code).toBe('TooLarge')
    expect(err.message).toContain('40 Mpx')
  })

  it('applies EXIF orientation and strips metadata', async () => {
    // 300 × 100 pixels tagged "rotate 90° clockwise": readers see it 100 × 300.
    const bytes = await solid(300, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    expect((await sharp(bytes).metadata()).orientation).toBe(6)
    const row = await storeImage(deps, bytes, META)
    expect([row.width, row.height]).toEqual([100, 300])
    const stored = await sharp(mediaFilePath(testDb.dataDir, row.storage_key)).metadata()
    expect([stored.width, stored.height]).toEqual([100, 300])
    expect(stored.orientation).toBeUndefined()
    expect(stored.exif).toBeUndefined()
  })

  it('stores identical bytes once', async () => {
    const bytes = await solid(120, 80).png().toBuffer()
    const first = await storeImage(deps, bytes, META)
    const second = await storeImage(deps, bytes, { ...META, caption: 'Inny podpis' })
    expect(second.id).toBe(first.id)
    expect(await testDb.db.selectFrom('media').select('id').execute()).toHaveLength(1)
  })

  it('refuses over-long metadata before touching the disk', async () => {
    const bytes = await solid(10, 10).png().toBuffer()
    const err = await refusal(storeImage(deps, bytes, { ...META, alt: 'a'.repeat(1001) }))
    expect(err.code).toBe('Invalid')
    expect(err.message).toContain('Tekst alternatywny')
  })
})
