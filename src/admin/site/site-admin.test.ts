/**
 * The site-management pages over HTTP on both databases: pages, menus, sections and tags,
 * authors, the contact inbox and settings. Each: the happy path, a refused form that keeps
 * the input and explains in Polish, a form without its CSRF token, and the roles that may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../../test/accounts.js'
import { addMediaRow, basicSite, publishArticle } from '../../../test/fixtures.js'
import type { HttpSession } from '../../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import type { Role } from '../../accounts/roles.js'
import { loadSiteSettings } from '../../site-settings/settings.js'

const OUTSIDERS: readonly Role[] = ['author', 'contributor', 'translator']

describe.each(DIALECTS)('%s: managing the site from the newsroom', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  let editor: HttpSession
  let admin: HttpSession

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    staff = await createStaff(t.testDb.db)
    editor = await loginAs(t, staff.editor)
    admin = await loginAs(t, staff.administrator)
  })
  afterAll(() => t.close())

  const site = (path: string) => t.app.request(path)
  const auditActions = async () => (await t.testDb.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action)

  async function refusedFor(path: string, fields: Record<string, string>, roles: readonly Role[] = OUTSIDERS) {
    for (const role of roles) {
      const s = await loginAs(t, staff[role])
      const get = await s.get(path.replace(/\/(usun|scal|wycofaj|zalatwione|glowne|stopka|wydania)$/, ''))
      expect(get.status, `${role} GET ${path}`).toBe(403)
      const post = await s.submit(path, fields)
      expect(post.status, `${role} POST ${path}`).toBe(403)
      expect(await post.text()).toContain('Twoja rola nie pozwala')
    }
  }

  describe('static pages', () => {
    it('creates a draft, publishes it, changes its address (301) and takes it off the site (410)', async () => {
      expect((await editor.get('/admin/strony')).status).toBe(200)
      const created = await editor.submit('/admin/strony/nowa', {
        headline: 'O nas',
        slug: '',
        lede: 'Kim jesteśmy.',
        body: '## Redakcja\n\nPiszemy **rzetelnie** i [uczciwie](https://depesza.test/zasady).\n\n- punkt pierwszy\n- punkt drugi',
        seoTitle: '',
        seoDescription: '',
      })
      expect(created.status).toBe(303)
      const editUrl = created.headers.get('location')!.split('?')[0]!
      expect((await site('/o-nas')).status).toBe(404)
      const form = await (await editor.get(editUrl)).text()
      expect(form).toContain('## Redakcja')
      expect(form).toContain('[uczciwie](https://depesza.test/zasady)')

      const published = await editor.submit(editUrl, { headline: 'O nas', slug: 'o-nas', lede: 'Kim jesteśmy.', body: '## Redakcja\n\nPiszemy **rzetelnie**.', seoTitle: '', seoDescription: '', _action: 'publish' })
      expect(published.status).toBe(303)
      const page = await site('/o-nas')
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('<h2')
      expect(html).toContain('<strong>rzetelnie</strong>')

      const moved = await editor.submit(editUrl, { headline: 'O redakcji', slug: 'o-redakcji', lede: '', body: 'Nowy tekst.', seoTitle: '', seoDescription: '' })
      expect(moved.status).toBe(303)
      const old = await site('/o-nas')
      expect(old.status).toBe(301)
      expect(old.headers.get('location')).toBe('/o-redakcji')
      expect(await (await site('/o-redakcji')).text()).toContain('Nowy tekst.')
      // The menus follow the page to its new address.
      const settings = await loadSiteSettings(t.testDb.db)
      expect(settings.menu.find((i) => i.label === 'O nas')?.href).toBe('/o-redakcji')
      expect(settings.footerMenu[0]?.href).toBe('/o-redakcji')

      expect((await editor.submit(`${editUrl}/wycofaj`)).status).toBe(303)
      expect((await site('/o-redakcji')).status).toBe(410)
      expect(await auditActions()).toEqual(expect.arrayContaining(['page.created', 'page.published', 'page.updated', 'page.unpublished']))
    })

    it('keeps the input and explains in Polish what is wrong', async () => {
      const res = await editor.submit('/admin/strony/nowa', { headline: '', slug: 'Zły Adres', lede: '', body: 'Zobacz [tu](javascript:alert(1)).', seoTitle: '', seoDescription: '' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Podaj tytuł.')
      expect(html).toContain('Adres może zawierać tylko małe litery')
      expect(html).toContain('Treść, wiersz 1: link „javascript:alert(1)”')
      expect(html).toContain('value="Zły Adres"')
      expect(html).toContain('Zobacz [tu](javascript:alert(1)).')
      const clash = await editor.submit('/admin/strony/nowa', { headline: 'Kraj', slug: 'kraj', lede: '', body: '', seoTitle: '', seoDescription: '' })
      expect(clash.status).toBe(422)
      expect(await clash.text()).toContain('Pod tym adresem jest (albo był) dział')
    })

    it('refuses a form without its CSRF token, and other roles', async () => {
      const res = await editor.submit('/admin/strony/nowa', { headline: 'Bez tokenu', slug: '', lede: '', body: '', seoTitle: '', seoDescription: '' }, { csrf: false })
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Formularz wygasł')
      expect((await t.testDb.db.selectFrom('articles').select('id').where('headline', '=', 'Bez tokenu').execute()).length).toBe(0)
      await refusedFor('/admin/strony/nowa', { headline: 'Nie wolno', slug: '', lede: '', body: '', seoTitle: '', seoDescription: '' })
    })
  })

  describe('menus', () => {
    it('saves entries to pages, sections and addresses in the chosen order; the site shows them at once', async () => {
      expect(await (await site('/')).text()).toContain('>Świat<')
      const res = await editor.submit('/admin/menu/glowne', {
        'order.0': '20',
        'label.0': 'Świat',
        'target.0': '/swiat',
        'url.0': '',
        'order.1': '10',
        'label.1': 'Kraj',
        'target.1': '/kraj',
        'url.1': '',
        'order.2': '30',
        'label.2': 'Archiwum',
        'target.2': 'url',
        'url.2': 'https://archiwum.depesza.test/',
        'order.3': '',
        'label.3': '',
        'target.3': '',
        'url.3': '',
      })
      expect(res.status).toBe(303)
      const settings = await loadSiteSettings(t.testDb.db)
      expect(settings.menu).toEqual([
        { label: 'Kraj', href: '/kraj' },
        { label: 'Świat', href: '/swiat' },
        { label: 'Archiwum', href: 'https://archiwum.depesza.test/' },
      ])
      expect(await (await site('/')).text()).toContain('https://archiwum.depesza.test/')
      expect((await editor.get('/admin/menu')).status).toBe(200)
      expect(await auditActions()).toContain('menu.updated')
    })

    it('keeps the input and explains in Polish what is wrong', async () => {
      const before = await loadSiteSettings(t.testDb.db)
      const res = await editor.submit('/admin/menu/stopka', { 'label.0': 'Zła', 'target.0': 'url', 'url.0': 'javascript:alert(1)', 'label.1': '', 'target.1': '/kraj', 'order.1': 'x' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Podaj adres w serwisie (zaczynający się od /')
      expect(html).toContain('Podaj etykietę.')
      expect(html).toContain('Kolejność to liczba całkowita')
      expect(html).toContain('value="javascript:alert(1)"')
      expect(await loadSiteSettings(t.testDb.db)).toEqual(before)
    })

    it('refuses a form without its CSRF token, and other roles', async () => {
      expect((await editor.submit('/admin/menu/glowne', { 'label.0': 'X', 'target.0': '/kraj' }, { csrf: false })).status).toBe(403)
      await refusedFor('/admin/menu/glowne', { 'label.0': 'X', 'target.0': '/kraj' })
    })
  })

  describe('sections and tags', () => {
    it('creates, renames and moves a section (old address 301), merges and deletes tags', async () => {
      const created = await editor.submit('/admin/dzialy', { name: 'Nauka', slug: '', description: 'Badania i odkrycia.', position: '5' })
      expect(created.status).toBe(303)
      const section = await t.testDb.db.selectFrom('sections').selectAll().where('slug', '=', 'nauka').executeTakeFirstOrThrow()
      const story = await publishArticle(t.deps.content, { headline: 'Nowe odkrycie', sectionSlug: 'nauka', tags: ['Kosmos', 'Astronomia'] })
      const list = await (await editor.get('/admin/dzialy')).text()
      expect(list).toContain('Nauka')
      expect(list).toContain('Kosmos')

      const renamed = await editor.submit(`/admin/dzialy/${section.id}`, { name: 'Nauka i technika', slug: 'nauka-i-technika', description: 'Badania.', position: '5' })
      expect(renamed.status).toBe(303)
      const old = await site('/nauka?strona=1')
      expect(old.status).toBe(301)
      expect(old.headers.get('location')).toBe('/nauka-i-technika?strona=1')
      expect(await (await site('/nauka-i-technika')).text()).toContain('Nauka i technika')
      expect((await site('/nauka/nowe-odkrycie')).headers.get('location')).toBe('/nauka-i-technika/nowe-odkrycie')

      const kosmos = await t.testDb.db.selectFrom('tags').selectAll().where('slug', '=', 'kosmos').executeTakeFirstOrThrow()
      expect((await editor.submit(`/admin/dzialy/tagi/${kosmos.id}/scal`, { into: 'Astronomia' })).status).toBe(303)
      const tags = await t.testDb.db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').where('article_id', '=', story).execute()
      expect(tags.map((r) => r.slug)).toEqual(['astronomia'])
      expect((await site('/tag/kosmos')).headers.get('location')).toBe('/tag/astronomia')

      const astro = await t.testDb.db.selectFrom('tags').selectAll().where('slug', '=', 'astronomia').executeTakeFirstOrThrow()
      expect((await editor.submit(`/admin/dzialy/tagi/${astro.id}`, { name: 'Astronomia i kosmos', slug: 'astronomia-i-kosmos' })).status).toBe(303)
      expect((await site('/tag/astronomia')).headers.get('location')).toBe('/tag/astronomia-i-kosmos')
      expect((await site('/tag/kosmos')).headers.get('location')).toBe('/tag/astronomia-i-kosmos')
      const unconfirmed = await editor.submit(`/admin/dzialy/tagi/${astro.id}/usun`)
      expect(unconfirmed.status).toBe(422)
      expect(await unconfirmed.text()).toContain('Zaznacz potwierdzenie, aby usunąć.')
      expect((await editor.submit(`/admin/dzialy/tagi/${astro.id}/usun`, { confirm: '1' })).status).toBe(303)
      expect((await site('/tag/astronomia-i-kosmos')).status).toBe(404)

      // A section with stories stays; an empty one goes.
      const refused = await editor.submit(`/admin/dzialy/${section.id}/usun`)
      expect(refused.status).toBe(409)
      expect(await refused.text()).toContain('Działu z artykułami nie można usunąć')
      await editor.submit('/admin/dzialy', { name: 'Pusty', slug: 'pusty', description: '', position: '9' })
      const empty = await t.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'pusty').executeTakeFirstOrThrow()
      // Not while a menu links it.
      await editor.submit('/admin/menu/stopka', { 'label.0': 'Pusty', 'target.0': '/pusty' })
      const linked = await editor.submit(`/admin/dzialy/${empty.id}/usun`)
      expect(linked.status).toBe(409)
      expect(await linked.text()).toContain('Dział jest w menu serwisu.')
      await editor.submit('/admin/menu/stopka', { 'label.0': 'Kontakt', 'target.0': '/kontakt' })
      expect((await editor.submit(`/admin/dzialy/${empty.id}/usun`)).status).toBe(303)
      expect(await auditActions()).toEqual(expect.arrayContaining(['section.created', 'section.updated', 'tag.merged', 'tag.updated', 'tag.deleted', 'section.deleted']))
    })

    it('keeps the input and explains in Polish what is wrong', async () => {
      const res = await editor.submit('/admin/dzialy', { name: 'Szukaj', slug: 'szukaj', description: 'Opis zostaje.', position: 'pierwszy' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Tego adresu używa sam serwis')
      expect(html).toContain('Kolejność to liczba całkowita')
      expect(html).toContain('Opis zostaje.')
      expect(html).toContain('value="pierwszy"')
      const kraj = await t.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'kraj').executeTakeFirstOrThrow()
      const taken = await editor.submit(`/admin/dzialy/${kraj.id}`, { name: '', slug: 'swiat', description: '', position: '1' })
      expect(taken.status).toBe(422)
      const takenHtml = await taken.text()
      expect(takenHtml).toContain('Podaj nazwę.')
      expect(takenHtml).toContain('Ten adres jest już zajęty')
    })

    it('refuses a form without its CSRF token, and other roles', async () => {
      expect((await editor.submit('/admin/dzialy', { name: 'Bez tokenu', slug: '', description: '', position: '0' }, { csrf: false })).status).toBe(403)
      expect(await t.testDb.db.selectFrom('sections').select('id').where('name', '=', 'Bez tokenu').executeTakeFirst()).toBeUndefined()
      const kraj = await t.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'kraj').executeTakeFirstOrThrow()
      await refusedFor(`/admin/dzialy/${kraj.id}`, { name: 'Przejęty', slug: 'kraj', description: '', position: '1' })
    })
  })

  describe('authors', () => {
    it('adds an author with a photo from the library, renames (old address 301), refuses deleting one with stories', async () => {
      const photo = await addMediaRow(t.testDb.db, 'portret.jpg', { alt: 'Portret' })
      const created = await editor.submit('/admin/autorzy', { name: 'Jan Nowak', slug: '', bio: 'Reporter.', photo: String(photo) })
      expect(created.status).toBe(303)
      const author = await t.testDb.db.selectFrom('authors').selectAll().where('slug', '=', 'jan-nowak').executeTakeFirstOrThrow()
      expect(author.photo_media_id).toBe(photo)
      await publishArticle(t.deps.content, { headline: 'Reportaż z gór', sectionSlug: 'kraj', authorSlugs: ['jan-nowak'] })
      expect((await editor.submit(`/admin/autorzy/${author.id}`, { name: 'Jan K. Nowak', slug: 'jan-k-nowak', bio: 'Reporter działu krajowego.', photo: '' })).status).toBe(303)
      expect((await site('/autor/jan-nowak')).headers.get('location')).toBe('/autor/jan-k-nowak')
      expect(await (await site('/kraj/reportaz-z-gor')).text()).toContain('Jan K. Nowak')
      const refused = await editor.submit(`/admin/autorzy/${author.id}/usun`)
      expect(refused.status).toBe(409)
      expect(await auditActions()).toEqual(expect.arrayContaining(['author.created', 'author.updated']))
    })

    it('keeps the input and explains in Polish what is wrong', async () => {
      const res = await editor.submit('/admin/autorzy', { name: '', slug: 'laura-kowalczyk', bio: 'Biogram zostaje.', photo: '999999' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Podaj imię i nazwisko.')
      expect(html).toContain('Ten adres ma już inny autor.')
      expect(html).toContain('W bibliotece mediów nie ma zdjęcia o tym numerze.')
      expect(html).toContain('Biogram zostaje.')
    })

    it('refuses a form without its CSRF token, and other roles', async () => {
      expect((await editor.submit('/admin/autorzy', { name: 'Bez Tokenu', slug: '', bio: '', photo: '' }, { csrf: false })).status).toBe(403)
      await refusedFor('/admin/autorzy', { name: 'Nie Wolno', slug: '', bio: '', photo: '' })
    })
  })

  describe('contact inbox', () => {
    async function message(name: string, minutesAgo: number): Promise<number> {
      const row = await t.testDb.db
        .insertInto('contact_messages')
        .values({ name, email: `${name.toLowerCase()}@example.pl`, message: `Wiadomość od ${name}.`, ip: '203.0.113.9', user_agent: 'test', created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(), handled_at: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }

    it('lists newest first, filters unhandled, marks handled and deletes', async () => {
      const older = await message('Anna', 30)
      const newer = await message('Bartek', 5)
      const list = await (await editor.get('/admin/wiadomosci')).text()
      expect(list.indexOf('Bartek')).toBeLessThan(list.indexOf('Anna'))
      expect(await (await editor.get(`/admin/wiadomosci/${older}`)).text()).toContain('Wiadomość od Anna.')
      expect((await editor.submit(`/admin/wiadomosci/${older}/zalatwione`, { handled: '1' })).status).toBe(303)
      const open = await (await editor.get('/admin/wiadomosci?nowe=1')).text()
      expect(open).toContain('Bartek')
      expect(open).not.toContain('Anna')
      expect((await editor.submit(`/admin/wiadomosci/${newer}/usun`)).status).toBe(303)
      expect(await t.testDb.db.selectFrom('contact_messages').select('id').where('id', '=', newer).executeTakeFirst()).toBeUndefined()
      expect((await editor.get(`/admin/wiadomosci/${newer}`)).status).toBe(404)
      expect(await auditActions()).toEqual(expect.arrayContaining(['contact.handled', 'contact.deleted']))
    })

    it('refuses a form without its CSRF token, and other roles', async () => {
      const id = await message('Celina', 1)
      expect((await editor.submit(`/admin/wiadomosci/${id}/usun`, {}, { csrf: false })).status).toBe(403)
      expect(await t.testDb.db.selectFrom('contact_messages').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined()
      await refusedFor(`/admin/wiadomosci/${id}/usun`, {})
    })
  })

  describe('site settings', () => {
    it('saves the settings (administrators); the site shows the new name at once', async () => {
      expect(await (await site('/')).text()).toContain('Depesza Testowa')
      const res = await admin.submit('/admin/ustawienia', { name: 'Depesza Nowa', description: 'Opis.', language: 'pl', timeZone: 'Europe/Warsaw', publisher: 'Wydawca' })
      expect(res.status).toBe(303)
      expect(await (await site('/')).text()).toContain('Depesza Nowa')
      const settings = await loadSiteSettings(t.testDb.db)
      expect(settings.name).toBe('Depesza Nowa')
      expect(settings.menu.length).toBeGreaterThan(0)
      expect(await auditActions()).toContain('settings.updated')
    })

    it('keeps the input and explains in Polish what is wrong', async () => {
      const res = await admin.submit('/admin/ustawienia', { name: '', description: 'Zostaje.', language: 'xx', timeZone: 'Europe/Atlantyda', publisher: '' })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('Podaj nazwę serwisu.')
      expect(html).toContain('Nieznana strefa czasowa')
      expect(html).toContain('Wybierz język z listy.')
      expect(html).toContain('value="Europe/Atlantyda"')
      expect(html).toContain('Zostaje.')
    })

    it('switches a language edition on with its own name, and gives it its own menu', async () => {
      expect((await site('/en/')).status).toBe(404)
      const res = await admin.submit('/admin/ustawienia/wydania', { 'enabled.en': '1', 'name.en': 'Depesza in English', 'description.en': 'News from Poland.', 'name.uk': '', 'description.uk': '' })
      expect(res.status).toBe(303)
      const home = await site('/en/')
      expect(home.status).toBe(200)
      expect(await home.text()).toContain('Depesza in English')
      expect((await site('/uk/')).status).toBe(404)

      const form = await (await editor.get('/admin/menu?wydanie=en')).text()
      expect(form).toContain('To wydanie nie ma jeszcze własnego menu')
      expect(form).toContain('value="/en/swiat"')
      const polishMenu = (await loadSiteSettings(t.testDb.db)).menu
      expect((await editor.submit('/admin/menu/glowne?wydanie=en', { 'label.0': 'World', 'target.0': '/en/swiat', 'label.1': 'About us', 'target.1': 'url', 'url.1': '/o-nas' })).status).toBe(303)
      const nav = await (await site('/en/')).text()
      expect(nav).toContain('>World<')
      expect(nav).toContain('href="/en/swiat"')
      expect((await loadSiteSettings(t.testDb.db)).menu).toEqual(polishMenu)
      expect(await auditActions()).toContain('editions.updated')

      const tooLong = await admin.submit('/admin/ustawienia/wydania', { 'enabled.en': '1', 'name.en': 'x'.repeat(101), 'description.en': 'Zostaje.', 'name.uk': '', 'description.uk': '' })
      expect(tooLong.status).toBe(422)
      const html = await tooLong.text()
      expect(html).toContain('Nazwa serwisu może mieć najwyżej 100 znaków.')
      expect(html).toContain('Zostaje.')
      // Off again: the edition's pages go.
      expect((await admin.submit('/admin/ustawienia/wydania', { 'name.en': 'Depesza in English', 'description.en': '', 'name.uk': '', 'description.uk': '' })).status).toBe(303)
      expect((await site('/en/')).status).toBe(404)
    })

    it('refuses a form without its CSRF token, and everyone but administrators', async () => {
      expect((await admin.submit('/admin/ustawienia/wydania', { 'enabled.uk': '1' }, { csrf: false })).status).toBe(403)
      await refusedFor('/admin/ustawienia/wydania', { 'enabled.uk': '1' }, ['editor', ...OUTSIDERS])
      expect((await admin.submit('/admin/ustawienia', { name: 'Bez tokenu', description: '', language: 'pl', timeZone: 'Europe/Warsaw', publisher: '' }, { csrf: false })).status).toBe(403)
      expect((await loadSiteSettings(t.testDb.db)).name).not.toBe('Bez tokenu')
      await refusedFor('/admin/ustawienia', { name: 'Przejęta', description: '', language: 'pl', timeZone: 'Europe/Warsaw', publisher: '' }, ['editor', ...OUTSIDERS])
    })
  })

  it('shows the pages in English to a user who chose English', async () => {
    await t.testDb.db.updateTable('users').set({ language: 'en' }).where('id', '=', staff.editor.id).execute()
    const s = await loginAs(t, staff.editor)
    const html = await (await s.get('/admin/dzialy')).text()
    expect(html).toContain('Sections and tags')
    const refused = await s.submit('/admin/dzialy', { name: '', slug: '', description: '', position: '0' })
    expect(await refused.text()).toContain('Enter a name.')
    await t.testDb.db.updateTable('users').set({ language: 'pl' }).where('id', '=', staff.editor.id).execute()
  })
})
