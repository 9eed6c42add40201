import { describe, expect, it } from 'vitest'
import type { MediaRow } from '../content/content.table.js'
import type { BlockDocument } from '../content/document.js'
import { renderDocument, renderInline, renderStoredDocument, renderText } from './render-document.js'

const media: MediaRow = {
  id: 3, storage_key: '2026/11/a.jpg', mime: 'image/jpeg', width: 800, height: 600, bytes: 1, alt: 'Alt z biblioteki',
  caption: 'Podpis z biblioteki', credit: 'PAP', copyright: '', usage_terms: '', created_at: '',
  uploaded_by: null, original_name: '', updated_at: null, search_text: '', variants: '[]', variants_state: 'pending', variants_attempts: 0,
  variants_locked_until: null, variants_error: '',
}
const ctx = { media: new Map([[3, media]]), mediaUrl: (m: MediaRow) => `/media/${m.storage_key}`, polish: true }

describe('renderDocument', () => {
  it('nests and closes marks correctly across runs', () => {
    const html = renderInline(
      [
        { type: 'text', text: 'a', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'b', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: 'c' },
        { type: 'hardBreak' },
        { type: 'text', text: 'd', marks: [{ type: 'link', attrs: { href: '/kraj' } }] },
      ],
      { polish: false },
    )
    expect(html).toBe('<strong>a<em>b</em></strong>c<br><a href="/kraj">d</a>')
  })

  it('escapes hostile text and attributes', () => {
    const doc: BlockDocument = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)>', marks: [{ type: 'link', attrs: { href: 'https://x.pl/"><script>' } }] }] },
        { type: 'image', attrs: { mediaId: null, src: '/a.jpg', alt: '" onload="x', caption: '<b>', credit: '' } },
      ],
    }
    const html = renderDocument(doc, ctx)
    expect(html).not.toMatch(/<img src=x|<script>|<b>/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('href="https://x.pl/&quot;&gt;&lt;script&gt;"')
    expect(html).toContain('alt="&quot; onload=&quot;x"')
    expect(html).toContain('rel="noopener nofollow"')
  })

  it('renders images from the media library with its caption and credit unless the block overrides them', () => {
    const html = renderDocument({ type: 'doc', content: [{ type: 'image', attrs: { mediaId: 3, src: null, alt: '', caption: 'Własny podpis', credit: '' } }] }, ctx)
    expect(html).toContain('<img src="/media/2026/11/a.jpg" alt="Alt z biblioteki" width="800" height="600" loading="lazy" decoding="async">')
    expect(html).toContain('<figcaption>Własny podpis <span class="credit">Fot. PAP</span></figcaption>')
  })

  it('does not prefix a credit that already names its kind', () => {
    const html = renderDocument({ type: 'doc', content: [{ type: 'image', attrs: { mediaId: null, src: '/a.jpg', alt: '', caption: 'x', credit: 'Ilustracja: Depesza' } }] }, ctx)
    expect(html).toContain('<span class="credit">Ilustracja: Depesza</span>')
  })

  it('renders embeds as link cards without scripts or iframes', () => {
    const html = renderDocument({ type: 'doc', content: [{ type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=abc', title: '', provider: '' } }] }, ctx)
    expect(html).toContain('<span class="embed-provider">youtube.com</span>')
    expect(html).not.toMatch(/<iframe|<script/)
  })

  it('applies Polish typography to text runs', () => {
    const html = renderInline([{ type: 'text', text: 'Rzecznik powiedział, że "w sobotę" - jak co roku - ' }, { type: 'text', text: 'wróci', marks: [{ type: 'italic' }] }], { polish: true })
    expect(html).toContain('„w\u00a0sobotę”')
    expect(html).toContain('\u00a0– jak co roku\u00a0– ')
    expect(html).toContain('<em>wróci</em>')
  })

  it('renders every block type in order', () => {
    const html = renderDocument(
      {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 3, id: 'h' }, content: [{ type: 'text', text: 'T' }] },
          { type: 'list', attrs: { ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'x' }] }] },
          { type: 'divider' },
          { type: 'factbox', attrs: { title: 'Fakty' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'f' }] }] },
          { type: 'quote', content: [{ type: 'text', text: 'q' }] },
        ],
      },
      ctx,
    )
    expect(html).toBe('<h3 id="b-h">T</h3>\n<ul><li>x</li></ul>\n<hr>\n<aside class="factbox"><h2>Fakty</h2><p>f</p></aside>\n<blockquote><p>q</p></blockquote>')
  })
})

describe('kept renders', () => {
  it('typesets a short text the same the second time, and leaves other languages untouched', () => {
    const text = `Minister w "Sejmie" ${Math.random()} -- i co dalej?`
    const first = renderText(text, { polish: true })
    expect(first).toContain('„Sejmie”')
    expect(renderText(text, { polish: true })).toBe(first)
    expect(renderText(text, { polish: false })).toBe(text.replace(/"/g, '&quot;'))
  })

  it('renders a stored body as renderDocument does, and again after its media changed', () => {
    const doc: BlockDocument = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tekst "w cudzysłowie".' }] }, { type: 'image', attrs: { mediaId: 3, src: null, alt: '', caption: '', credit: '' } }] }
    const json = JSON.stringify(doc)
    expect(renderStoredDocument(json, doc, ctx)).toBe(renderDocument(doc, ctx))
    expect(renderStoredDocument(json, doc, ctx)).toBe(renderDocument(doc, ctx))
    const recaptioned = { ...ctx, media: new Map([[3, { ...media, caption: 'Nowy podpis' }]]) }
    expect(renderStoredDocument(json, doc, recaptioned)).toContain('Nowy podpis')
    const elsewhere = { ...ctx, mediaUrl: (m: MediaRow) => `https://cdn.test/${m.storage_key}` }
    expect(renderStoredDocument(json, doc, elsewhere)).toContain('https://cdn.test/2026/11/a.jpg')
    expect(renderStoredDocument(json, doc, { ...ctx, polish: false })).toBe(renderDocument(doc, { ...ctx, polish: false }))
  })
})
