/**
 * The media library over HTTP, on both databases: uploads (API and the form without
 * JavaScript), what is refused and how (Polish messages, 413/415/422), CSRF, who may do what,
 * metadata edits, search, and the page's script under the CSP.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../../test/accounts.js'
import { HttpSession } from '../../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import type { Role } from '../../accounts/roles.js'
import type { MediaJson } from '../../media/library.js'
import { exifHasGps, jpegWithExif, notAnImage, pngBomb, photoPixels } from '../../media/test-images.js'

const MAX_BYTES = 300_000

async function photo(width: number, height: number, seed: number, quality = 80): Promise<Buffer> {
  return sharp(await photoPixels(width, height, seed), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer()
}

function form(file: { bytes: Buffer; name: string; type?: string } | null, fields: Record<string, string> = {}): FormData {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  if (file) body.append('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'image/jpeg' }))
  return body
}

async function upload(s: HttpSession, body: FormData, headers: Record<string, string> = {}): Promise<Response> {
  if (!s.csrf) await s.get('/api/admin/me')
  return s.request('/api/admin/media', { method: 'POST', body, headers: { 'x-csrf-token': s.csrf ?? '', accept: 'application/json', ...headers } })
}

describe.each(DIALECTS)('%s: media library over HTTP', { timeout: 120_000 }, (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  const sessions = {} as Record<Role, HttpSession>

  beforeAll(async () => {
    t = await createTestApp(dialect, { MEDIA_MAX_BYTES: String(MAX_BYTES) })
    staff = await createStaff(t.testDb.db)
    for (const role of Object.keys(staff) as Role[]) {
      sessions[role] = await loginAs(t, staff[role])
      await sessions[role].get('/api/admin/me')
    }
  })
  afterAll(() => t.close())

  it('uploads through the API: oriented, EXIF and GPS gone, JSON for the editor', async () => {
    const camera = await jpegWithExif(640, 480, { orientation: 6, seed: 3 })
    const res = await upload(sessions.author, form({ bytes: camera, name: 'Z aparatu.JPG' }, { alt: 'Kościół w Gnieźnie', caption: 'Katedra', credit: 'Jan Nowak' }))
    expect(res.status).toBe(201)
    const json = (await res.json()) as MediaJson
    expect(json).toMatchObject({
      width: 480,
      height: 640,
      orientation: 'portrait',
      mime: 'image/jpeg',
      alt: 'Kościół w Gnieźnie',
      caption: 'Katedra',
      credit: 'Jan Nowak',
      originalName: 'Z aparatu.JPG',
      uploadedBy: { id: staff.author.id, name: staff.author.name },
      canEdit: true,
      variants: { state: 'pending', items: [] },
    })
    expect(json.url).toMatch(/^\/media\/\d{4}\/\d{2}\/[0-9a-f]{16}\.jpg$/)
    expect(json.editUrl).toBe(`/admin/media/${json.id}`)
    const served = await t.app.request(json.url)
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
    expect([meta.width, meta.height, meta.exif, exifHasGps(meta.exif)]).toEqual([480, 640, undefined, false])

    // The same bytes again: the existing image, 200.
    const again = await upload(sessions.author, form({ bytes: camera, name: 'kopia.jpg' }))
    expect(again.status).toBe(200)
    expect(((await again.json()) as MediaJson).id).toBe(json.id)

    await t.deps.mediaVariants!.idle()
    const ready = (await (await sessions.author.get(`/api/admin/media/${json.id}`)).json()) as MediaJson
    expect(ready.variants.state).toBe('ready')
    expect(ready.variants.items.map((v) => `${v.format}@${v.width}`).sort()).toEqual(['avif@320', 'avif@480', 'jpeg@320', 'jpeg@480', 'webp@320', 'webp@480'])
    expect(ready.thumbnailUrl).toMatch(/\.webp$/)
  })

  it('refuses a non-image named .jpg, a decompression bomb and an oversized file, in Polish', async () => {
    const renamed = await upload(sessions.editor, form({ bytes: notAnImage(), name: 'zdjecie.jpg', type: 'image/jpeg' }))
    expect(renamed.status).toBe(415)
    expect(renamed.headers.get('content-type')).toContain('application/problem+json')
    expect(await renamed.json()).toMatchObject({ status: 415, detail: 'Nieobsługiwany typ pliku. Prześlij obraz JPEG, PNG, WebP, AVIF lub GIF.' })

    const bomb = await upload(sessions.editor, form({ bytes: pngBomb(), name: 'bomba.png', type: 'image/png' }))
    expect(bomb.status).toBe(422)
    expect(((await bomb.json()) as { detail: string }).detail).toMatch(/^Obraz jest za duży \(10\s000 Mpx\)\. Największy dopuszczalny rozmiar to 40 Mpx\.$/)

    const big = await photo(1000, 800, 5, 100)
    expect(big.length).toBeGreaterThan(MAX_BYTES)
    const tooBig = await upload(sessions.editor, form({ bytes: big, name: 'duze.jpg' }))
    expect(tooBig.status).toBe(413)
    expect(((await tooBig.json()) as { detail: string }).detail).toMatch(/^Plik jest za duży.*Największy dopuszczalny rozmiar zdjęcia to 0,3 MB\.$/)

    // Without JavaScript: the form posts multipart; the refusal is a Polish page.
    await sessions.editor.get('/admin/media')
    const page = await sessions.editor.request('/admin/media', { method: 'POST', body: form({ bytes: big, name: 'duze.jpg' }, { _csrf: sessions.editor.csrf! }) })
    expect(page.status).toBe(413)
    expect(await page.text()).toContain('Największy dopuszczalny rozmiar zdjęcia to 0,3 MB.')

    const formPage = await sessions.editor.request('/admin/media', { method: 'POST', body: form({ bytes: notAnImage(), name: 'umowa.jpg' }, { _csrf: sessions.editor.csrf! }) })
    expect(formPage.status).toBe(415)
    const html = await formPage.text()
    expect(html).toContain('umowa.jpg')
    expect(html).toContain('Nieobsługiwany typ pliku. Prześlij obraz JPEG, PNG, WebP, AVIF lub GIF.')
    const count = await t.testDb.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).where('original_name', 'in', ['zdjecie.jpg', 'bomba.png', 'duze.jpg', 'umowa.jpg']).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  it('uploads with the form alone, several files at once, and reports each refusal', async () => {
    const s = sessions.contributor
    await s.get('/admin/media')
    const one = await s.request('/admin/media', { method: 'POST', body: form({ bytes: await photo(400, 300, 8), name: 'jeden.jpg' }, { _csrf: s.csrf!, alt: '', credit: 'Fot. Ewa' }) })
    expect(one.status).toBe(303)
    const location = one.headers.get('location')!
    expect(location).toMatch(/^\/admin\/media\/\d+\?przeslano=1$/)
    const itemPage = await (await s.get(location)).text()
    expect(itemPage).toContain('Przesłano zdjęcie. Uzupełnij tekst alternatywny')
    expect(itemPage).toContain('name="alt"')

    const body = form({ bytes: await photo(300, 300, 9), name: 'dwa.jpg' }, { _csrf: s.csrf! })
    body.append('file', new File([new Uint8Array(notAnImage())], 'trzy.jpg', { type: 'image/jpeg' }))
    const mixed = await s.request('/admin/media', { method: 'POST', body })
    expect(mixed.status).toBe(200)
    const html = await mixed.text()
    expect(html).toContain('Przesłano: 1\u00a0zdjęcie.')
    expect(html).toMatch(/<li><strong>trzy\.jpg<\/strong>: Nieobsługiwany typ pliku/)

    const none = await s.request('/admin/media', { method: 'POST', body: form(null, { _csrf: s.csrf! }) })
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Wybierz co najmniej jeden plik do przesłania.')
  })

  it('demands the CSRF token and our own origin on uploads and edits', async () => {
    const s = sessions.author
    const bytes = await photo(200, 150, 10)
    const noToken = await s.request('/api/admin/media', { method: 'POST', body: form({ bytes, name: 'a.jpg' }), headers: { accept: 'application/json' } })
    expect(noToken.status).toBe(403)
    const wrongToken = await upload(s, form({ bytes, name: 'a.jpg' }), { 'x-csrf-token': 'x'.repeat(43) })
    expect(wrongToken.status).toBe(403)
    const otherSite = await upload(s, form({ bytes, name: 'a.jpg' }), { origin: 'https://evil.example' })
    expect(otherSite.status).toBe(403)
    const formNoToken = await s.request('/admin/media', { method: 'POST', body: form({ bytes, name: 'a.jpg' }) })
    expect(formNoToken.status).toBe(403)
    const anonymous = new HttpSession(t.app)
    expect((await anonymous.get('/api/admin/media')).status).toBe(401)
    const signIn = await anonymous.get('/admin/media')
    expect(signIn.status).toBe(303)
    expect(signIn.headers.get('location')).toBe('/admin/logowanie?next=%2Fadmin%2Fmedia')
    expect((await anonymous.request('/api/admin/media', { method: 'POST', body: form({ bytes, name: 'a.jpg' }) })).status).toBe(403)
    const count = await t.testDb.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).where('original_name', '=', 'a.jpg').executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  it('lets every role open and upload; only the uploader, editors and administrators edit metadata', async () => {
    const ids = {} as Record<Role, number>
    let seed = 100
    for (const role of Object.keys(staff) as Role[]) {
      const s = sessions[role]
      expect((await s.get('/admin/media')).status, role).toBe(200)
      expect((await s.get('/api/admin/media')).status, role).toBe(200)
      const res = await upload(s, form({ bytes: await photo(240, 160, seed++), name: `${role}.jpg` }))
      expect(res.status, role).toBe(201)
      ids[role] = ((await res.json()) as MediaJson).id
    }
    const own = await sessions.translator.json('PATCH', `/api/admin/media/${ids.translator}`, { alt: 'Tłumaczka opisała swoje zdjęcie' })
    expect(own.status).toBe(200)
    expect(((await own.json()) as MediaJson).alt).toBe('Tłumaczka opisała swoje zdjęcie')
    for (const role of ['author', 'contributor', 'translator'] as const) {
      const victim = ids.administrator
      const api = await sessions[role].json('PATCH', `/api/admin/media/${victim}`, { alt: 'cudze' })
      expect(api.status, role).toBe(403)
      const page = await sessions[role].get(`/admin/media/${victim}`)
      const html = await page.text()
      expect(html, role).not.toContain('name="alt"')
      expect(html, role).toContain('Opis może zmienić osoba, która przesłała zdjęcie')
      await sessions[role].get(`/admin/media/${victim}`)
      const post = await sessions[role].submit(`/admin/media/${victim}`, { alt: 'cudze', caption: '', credit: '', copyright: '', usageTerms: '' })
      expect(post.status, role).toBe(403)
    }
    for (const role of ['editor', 'administrator'] as const) {
      const victim = ids.contributor
      await sessions[role].get(`/admin/media/${victim}`)
      const post = await sessions[role].submit(`/admin/media/${victim}`, { alt: `Poprawione przez: ${role}`, caption: 'Podpis', credit: 'Autor', copyright: '© Depesza', usageTerms: 'Bez ograniczeń' })
      expect(post.status, role).toBe(303)
      expect(post.headers.get('location')).toBe(`/admin/media/${victim}?zapisano`)
      const api = await sessions[role].json('PATCH', `/api/admin/media/${victim}`, { caption: `Podpis od: ${role}` })
      expect(api.status, role).toBe(200)
      expect(await api.json()).toMatchObject({ alt: `Poprawione przez: ${role}`, caption: `Podpis od: ${role}`, usageTerms: 'Bez ograniczeń' })
    }
    const audit = await t.testDb.db.selectFrom('audit_log').select(['action', 'target']).where('action', 'like', 'media.%').execute()
    expect(audit.filter((a) => a.action === 'media.updated' && a.target === `media:${ids.contributor}`)).toHaveLength(4)
  })

  it('keeps the input and explains errors in Polish when the metadata is invalid', async () => {
    const s = sessions.author
    const res = await upload(s, form({ bytes: await photo(200, 200, 300), name: 'walidacja.jpg' }))
    const { id } = (await res.json()) as MediaJson
    await s.get(`/admin/media/${id}`)
    const longCredit = 'K'.repeat(501)
    const page = await s.submit(`/admin/media/${id}`, { alt: 'Dobry opis', caption: 'Podpis <b>', credit: longCredit, copyright: '', usageTerms: '' })
    expect(page.status).toBe(422)
    const html = await page.text()
    expect(html).toContain('Formularz zawiera 1\u00a0błąd:')
    expect(html).toContain('Autor lub źródło: Autor lub źródło zdjęcia może mieć najwyżej 500 znaków.')
    expect(html).toContain('Podpis &lt;b&gt;')
    expect(html).toContain(`value="${longCredit}"`)
    expect(html).toContain('aria-invalid="true"')
    const api = await s.json('PATCH', `/api/admin/media/${id}`, { alt: 'a'.repeat(1001) })
    expect(api.status).toBe(422)
    expect(await api.json()).toMatchObject({ errors: { alt: 'Tekst alternatywny może mieć najwyżej 1000 znaków.' } })
  })

  it('searches and filters the library, as a page and as JSON for the editor', async () => {
    const s = sessions.editor
    const mk = async (w: number, h: number, seed: number, fields: Record<string, string>) => {
      const res = await upload(s, form({ bytes: await photo(w, h, seed), name: `${fields.alt || 'bez-opisu'}.jpg` }, fields))
      expect(res.status).toBe(201)
    }
    await mk(900, 500, 201, { alt: 'Żubr w Puszczy Białowieskiej', credit: 'Anna Las' })
    await mk(300, 600, 202, { alt: 'Wieża ciśnień', caption: 'Zabytek' })
    await mk(320, 320, 203, { alt: '', caption: 'Logo Żubrówki' })

    const found = (await (await s.get('/api/admin/media?q=zubr')).json()) as { items: MediaJson[]; total: number }
    expect(found.items.map((i) => i.alt || i.caption)).toEqual(['Logo Żubrówki', 'Żubr w Puszczy Białowieskiej'])
    expect(found.total).toBe(2)
    const portrait = (await (await s.get('/api/admin/media?orientation=portrait&q=wieza')).json()) as { items: MediaJson[] }
    expect(portrait.items.map((i) => i.alt)).toEqual(['Wieża ciśnień'])
    const noAlt = (await (await s.get('/api/admin/media?missingAlt=1&q=zubr')).json()) as { items: MediaJson[] }
    expect(noAlt.items.map((i) => i.caption)).toEqual(['Logo Żubrówki'])
    const wide = (await (await s.get('/api/admin/media?minWidth=800&q=puszczy')).json()) as { items: MediaJson[] }
    expect(wide.items).toHaveLength(1)
    const paged = (await (await s.get('/api/admin/media?pageSize=2&page=2')).json()) as { items: MediaJson[]; page: number; pages: number; pageSize: number }
    expect([paged.page, paged.pageSize, paged.items.length]).toEqual([2, 2, 2])
    expect(paged.pages).toBeGreaterThan(2)
    const mine = (await (await sessions.author.get('/api/admin/media?mine=1')).json()) as { items: MediaJson[] }
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((i) => i.uploadedBy?.id === staff.author.id)).toBe(true)

    const html = await (await s.get('/admin/media?q=%C5%BCubr&orientacja=pozioma')).text()
    expect(html).toContain('Pasuje: 1\u00a0zdjęcie')
    expect(html).toContain('Żubr w Puszczy Białowieskiej')
    expect(html).not.toContain('Wieża ciśnień')
    expect(html).toContain('value="żubr"')
    expect(html).toMatch(/<option value="pozioma" selected="">pozioma<\/option>/)
    const missing = await (await s.get('/admin/media?bez-alt=1&q=logo')).text()
    expect(missing).toContain('Brak tekstu alternatywnego')
    const page1 = await (await s.get('/admin/media')).text()
    // 24 a page: more than that were uploaded in this file.
    const count = (page1.match(/class="media-item"/g) ?? []).length
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThanOrEqual(24)
  })

  it('serves the page with its upload script under the CSP (script-src self) and a file picker for no-JS', async () => {
    const res = await sessions.author.get('/admin/media')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await res.text()
    expect(html).toContain('<form id="media-upload" method="post" action="/admin/media" enctype="multipart/form-data"')
    expect(html).toMatch(/<input type="file" id="media-file" name="file" accept="image\/jpeg,image\/png,image\/webp,image\/avif,image\/gif" multiple="" required=""/)
    const script = /<script type="module" src="(\/static\/media-upload\.[0-9a-f]{10}\.js)"><\/script>/.exec(html)?.[1]
    expect(script).toBeTruthy()
    const js = await t.app.request(script!)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toContain('text/javascript')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(html).not.toMatch(/<script>|style="/)
  })
})
