import pino from 'pino'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../test/accounts.js'
import { basicSite, paragraphs, publishArticle } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { canEditMedia, searchLibrary, startOfDay, updateMediaMeta } from './library.js'
import { storeImage, storeImageResult, type MediaDeps } from './media.service.js'
import { readBody } from './storage.js'
import { jpegWithExif, photoPixels, pngWithTransparency } from './test-images.js'
import { MediaVariantWorker } from './variant-worker.js'
import { parseVariants } from './variants.js'

const silent = pino({ level: process.env.MEDIA_TEST_LOG ?? 'silent' })

async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp(await photoPixels(width, height, seed), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer()
}

// Variants cost seconds of CPU per photo (AVIF above all), more on a busy machine.
describe.each(DIALECTS)('%s: media library', { timeout: 180_000 }, (dialect) => {
  let t: TestApp
  let deps: MediaDeps
  let authorId: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    deps = { db: t.testDb.db, storage: t.deps.mediaStorage, logger: silent, now: t.deps.now }
    authorId = (await createUser(t.testDb.db, 'author')).id
  })
  afterAll(() => t.close())

  it('searches alt, caption, credit and file name without minding case or Polish letters, and filters', async () => {
    const db = t.testDb.db
    const at = (iso: string) => ({ ...deps, now: () => new Date(iso) })
    const other = (await createUser(db, 'contributor')).id
    await storeImage(at('2026-02-10T12:00:00Z'), await photo(1600, 900, 31), { alt: 'Dworzec Łódź Fabryczna', caption: 'Nowy dworzec', credit: 'Jan Nowak' }, { uploadedBy: authorId, originalName: 'dworzec.jpg' })
    await storeImage(at('2026-03-01T23:30:00Z'), await photo(600, 900, 32), { alt: '', caption: 'Portret burmistrza', credit: 'PAP' }, { uploadedBy: other, originalName: 'IMG_0001.JPG' })
    await storeImage(at('2026-03-20T08:00:00Z'), await photo(500, 500, 33), { alt: 'Logo festiwalu', caption: '', credit: 'Materiały prasowe', copyright: '© Festiwal' }, { uploadedBy: authorId })
    const alts = async (filter: Parameters<typeof searchLibrary>[1]) => (await searchLibrary(db, filter)).items.map((i) => i.alt || i.caption)

    expect(await alts({})).toEqual(['Logo festiwalu', 'Portret burmistrza', 'Dworzec Łódź Fabryczna'])
    expect(await alts({ q: 'lodz' })).toEqual(['Dworzec Łódź Fabryczna'])
    expect(await alts({ q: 'ŁÓDŹ dworzec' })).toEqual(['Dworzec Łódź Fabryczna'])
    expect(await alts({ q: 'nowak' })).toEqual(['Dworzec Łódź Fabryczna'])
    expect(await alts({ q: 'img_0001' })).toEqual(['Portret burmistrza'])
    expect(await alts({ q: 'festiwal' })).toEqual(['Logo festiwalu'])
    expect(await alts({ q: '100%' })).toEqual([])
    expect(await alts({ q: 'nic takiego' })).toEqual([])
    expect(await alts({ orientation: 'landscape' })).toEqual(['Dworzec Łódź Fabryczna'])
    expect(await alts({ orientation: 'portrait' })).toEqual(['Portret burmistrza'])
    expect(await alts({ orientation: 'square' })).toEqual(['Logo festiwalu'])
    expect(await alts({ minWidth: 1280 })).toEqual(['Dworzec Łódź Fabryczna'])
    expect(await alts({ missingAlt: true })).toEqual(['Portret burmistrza'])
    expect(await alts({ uploadedBy: other })).toEqual(['Portret burmistrza'])
    // 1 March 23:30 UTC is 2 March 00:30 in Warsaw.
    expect(await alts({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['Portret burmistrza'])
    expect(await alts({ from: '2026-03-02', to: '2026-03-02', timeZone: 'UTC' })).toEqual([])
    expect(await alts({ to: '2026-02-28' })).toEqual(['Dworzec Łódź Fabryczna'])
    const page2 = await searchLibrary(db, { pageSize: 2, page: 2 })
    expect([page2.total, page2.pages, page2.page, page2.items.map((i) => i.alt)]).toEqual([3, 2, 2, ['Dworzec Łódź Fabryczna']])
    expect((await searchLibrary(db, { pageSize: 2, page: 99 })).page).toBe(2)
    expect(startOfDay('2026-07-01', 'Europe/Warsaw')).toBe('2026-06-30T22:00:00.000Z')
    expect(startOfDay('2026-02-30', 'Europe/Warsaw')).toBeNull()
    // Their variants are not what the next tests are about.
    await db.updateTable('media').set({ variants_state: 'ready' }).execute()
  })

  it('makes variants in the background and serves them immutable', async () => {
    const row = await storeImage(deps, await jpegWithExif(1400, 1000, { orientation: 1, seed: 7 }), { alt: 'Most na Wiśle', caption: '', credit: 'Depesza' }, { uploadedBy: authorId, originalName: 'most.jpg' })
    expect([row.variants_state, row.variants, row.uploaded_by, row.original_name]).toEqual(['pending', '[]', authorId, 'most.jpg'])
    t.deps.mediaVariants!.kick()
    await t.deps.mediaVariants!.idle()
    const done = await t.testDb.db.selectFrom('media').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(done.variants_state).toBe('ready')
    const variants = parseVariants(done.variants)
    expect(variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(
      [320, 640, 960, 1280, 1400].flatMap((w) => ['avif', 'webp', 'jpeg'].map((f) => `${f}@${w}`)).sort(),
    )
    const folder = row.storage_key.slice(0, 8)
    for (const v of variants) {
      expect(v.key.startsWith(folder)).toBe(true)
      const object = await t.deps.mediaStorage.get(v.key)
      expect(object, v.key).not.toBeNull()
      const meta = await sharp(await readBody(object!)).metadata()
      expect(meta.width).toBe(v.width)
      expect(meta.exif).toBeUndefined()
    }
    const avif = variants.find((v) => v.format === 'avif')!
    const res = await t.app.request(`/media/${avif.key}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/avif')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('lets one instance make an image, even when two ask at once', async () => {
    const row = await storeImage(deps, await photo(400, 300, 11), { alt: 'Dwa wątki', caption: '', credit: '' })
    const a = new MediaVariantWorker({ dbh: t.testDb, storage: t.deps.mediaStorage, logger: silent })
    const b = new MediaVariantWorker({ dbh: t.testDb, storage: t.deps.mediaStorage, logger: silent })
    const handled = await Promise.all([a.runOnce(), b.runOnce()])
    expect(handled.reduce((x, y) => x + y, 0)).toBe(1)
    const done = await t.testDb.db.selectFrom('media').select(['variants_state', 'variants_attempts']).where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(done).toEqual({ variants_state: 'ready', variants_attempts: 1 })
  })

  it('retries a failing image twice after a pause, then marks it failed', async () => {
    await t.testDb.db.updateTable('media').set({ variants_state: 'ready' }).where('variants_state', '=', 'pending').execute()
    const row = await storeImage(deps, await photo(300, 200, 12), { alt: 'Zniknie', caption: '', credit: '' })
    await t.deps.mediaStorage.delete(row.storage_key)
    let now = new Date('2030-01-01T10:00:00Z')
    const worker = new MediaVariantWorker({ dbh: t.testDb, storage: t.deps.mediaStorage, logger: silent, now: () => now })
    expect(await worker.runOnce()).toBe(1)
    expect(await worker.runOnce()).toBe(0) // waiting 30 s
    now = new Date(now.getTime() + 31_000)
    expect(await worker.runOnce()).toBe(1)
    now = new Date(now.getTime() + 61_000)
    expect(await worker.runOnce()).toBe(1)
    now = new Date(now.getTime() + 600_000)
    expect(await worker.runOnce()).toBe(0)
    const failed = await t.testDb.db.selectFrom('media').select(['variants_state', 'variants_attempts', 'variants_error']).where('id', '=', row.id).executeTakeFirstOrThrow()
    expect(failed.variants_state).toBe('failed')
    expect(failed.variants_attempts).toBe(3)
    expect(failed.variants_error).toContain('missing')
  })

  it('shows a story image as <picture> with AVIF, WebP and a srcset once its variants exist', async () => {
    const lead = await storeImage(deps, await photo(2000, 1333, 21), { alt: 'Rynek w Krakowie', caption: 'Rynek', credit: 'Depesza' })
    const inBody = await storeImage(deps, await pngWithTransparency(900, 600), { alt: 'Schemat', caption: 'Schemat z przezroczystością', credit: 'Grafika: Depesza' })
    const id = await publishArticle(t.deps.content, {
      headline: 'Zdjęcia w wielu rozmiarach',
      sectionSlug: 'kraj',
      leadMediaId: lead.id,
      body: { type: 'doc', content: [...paragraphs('Akapit.').content, { type: 'image', attrs: { mediaId: inBody.id, src: null, alt: '', caption: '', credit: '' } }] },
    })
    const article = await t.testDb.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()
    const before = await (await t.app.request(`/kraj/${article.slug}`)).text()
    expect(before).not.toContain('<picture>')
    expect(before).toContain(`<img src="/media/${lead.storage_key}" alt="Rynek w Krakowie" width="2000" height="1333"`)

    t.deps.mediaVariants!.kick()
    await t.deps.mediaVariants!.idle()
    const html = await (await t.app.request(`/kraj/${article.slug}`)).text()
    const pictures = html.match(/<picture>.*?<\/picture>/gs) ?? []
    expect(pictures).toHaveLength(2)
    const [leadPicture, bodyPicture] = pictures as [string, string]
    expect(leadPicture).toMatch(/^<picture><source type="image\/avif" srcset="\/media\/[^"]+\.avif 320w, [^"]+ 640w, [^"]+ 960w, [^"]+ 1280w, [^"]+\.avif 1600w" sizes="\(min-width: 42rem\) 40rem, calc\(100vw - 2rem\)">/)
    expect(leadPicture).toMatch(/<source type="image\/webp" srcset="[^"]+\.webp 320w,[^"]+ 1600w" sizes="[^"]+">/)
    expect(leadPicture).toMatch(/<img src="\/media\/[^"]+\.jpg" srcset="[^"]+\.jpg 320w, [^"]+\.jpg 640w, [^"]+\.jpg 960w, [^"]+\.jpg 1280w, [^"]+\.jpg 1600w" sizes="[^"]+" alt="Rynek w Krakowie" width="2000" height="1333" fetchpriority="high"><\/picture>$/)
    // Transparent: a PNG fallback, widths up to its own 900 px.
    expect(bodyPicture).toMatch(/<img src="\/media\/[^"]+\.png" srcset="[^"]+\.png 320w, [^"]+\.png 640w, [^"]+\.png 900w" sizes="[^"]+" alt="Schemat" width="900" height="600" loading="lazy" decoding="async">/)
    // Cards (home page) get their own sizes.
    const home = await (await t.app.request('/')).text()
    expect(home).toMatch(/<picture><source type="image\/avif" srcset="[^"]+" sizes="\(min-width: 72rem\) 42rem/)
  })

  it('edits metadata with Polish validation, and knows who may', async () => {
    const { row } = await storeImageResult(deps, await photo(320, 240, 41), { alt: '', caption: '', credit: '' }, { uploadedBy: authorId })
    const updated = await updateMediaMeta(t.testDb.db, row.id, { alt: 'Kot na parapecie', caption: 'Kot', credit: 'Anna Kot', copyright: '© Anna Kot', usageTerms: 'Tylko w serwisie' }, new Date('2026-04-01T10:00:00Z'))
    expect(updated).toMatchObject({ alt: 'Kot na parapecie', usage_terms: 'Tylko w serwisie', updated_at: '2026-04-01T10:00:00.000Z' })
    expect((await searchLibrary(t.testDb.db, { q: 'parapecie' })).total).toBe(1)
    await expect(updateMediaMeta(t.testDb.db, row.id, { alt: 'x'.repeat(1001), caption: '', credit: '' }, new Date())).rejects.toMatchObject({
      code: 'Invalid',
      fields: { alt: 'Tekst alternatywny może mieć najwyżej 1000 znaków.' },
    })
    await expect(updateMediaMeta(t.testDb.db, row.id, { alt: 'dwa\nwiersze' }, new Date())).rejects.toMatchObject({ fields: { alt: expect.stringContaining('jednym akapitem') } })
    const owner = { id: authorId, role: 'author' as const }
    expect(canEditMedia(owner, updated!)).toBe(true)
    expect(canEditMedia({ id: authorId + 1000, role: 'author' }, updated!)).toBe(false)
    expect(canEditMedia({ id: authorId + 1000, role: 'contributor' }, updated!)).toBe(false)
    expect(canEditMedia({ id: authorId + 1000, role: 'translator' }, updated!)).toBe(false)
    expect(canEditMedia({ id: authorId + 1000, role: 'editor' }, updated!)).toBe(true)
    expect(canEditMedia({ id: authorId + 1000, role: 'administrator' }, updated!)).toBe(true)
    expect(canEditMedia({ id: authorId, role: 'author' }, { uploaded_by: null })).toBe(false)
  })
})
