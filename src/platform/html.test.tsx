import { executionAsyncId } from 'node:async_hooks'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, publishArticle } from '../../test/fixtures.js'
import { createTestApp, type TestApp } from '../../test/support.js'
import { renderHtml } from './html.js'

// With async hooks off, a promise callback runs with execution id 0; once any AsyncLocalStorage
// has run, every promise gets an id (and costs its hooks: src/platform/jsx/jsx-runtime.ts).
const promiseExecutionId = () => Promise.resolve().then(() => executionAsyncId())

describe('rendering pages', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite', { PAGE_CACHE_MB: '0' })
    await basicSite(t.testDb.db)
    await publishArticle(t.deps.content, { headline: 'Bez haków', sectionSlug: 'kraj' })
  })
  afterAll(() => t.close())

  it('leaves async hooks off', async () => {
    expect(await promiseExecutionId()).toBe(0)
    for (const path of ['/', '/kraj', '/kraj/bez-hakow', '/nie-ma-takiej-strony', '/admin/logowanie', '/kontakt']) {
      const res = await t.app.request(path)
      expect(res.status, path).toBeLessThan(500)
      expect(await res.text()).toContain('<!DOCTYPE html>')
    }
    expect(await promiseExecutionId()).toBe(0)
  })
})

function Card(props: { title: string; href: string; children?: Child }) {
  return (
    <article class="card" data-n={3} aria-hidden={false}>
      <a href={props.href}>{props.title}</a>
      {props.children}
    </article>
  )
}

describe('JSX runtime and renderHtml', () => {
  it('escapes text and attributes, keeps raw HTML, drops empty children', () => {
    const html = renderHtml(
      <main>
        <Card title={'Czy „A” < B & C\'s?'} href={'/a?b=1&c="2"'}>
          <p>zażółć {raw('<b>gęślą</b>')} {0}</p>
          <>{['jaźń', null, false, undefined, 1].map((x) => (x === null || x === false || x === undefined ? x : <i>{x}</i>))}</>
        </Card>
        <input type="checkbox" checked={true} disabled={false} value={undefined} />
        <br />
        <meta name="x" content="y" />
        <div dangerouslySetInnerHTML={{ __html: '<hr/>' }} />
      </main>,
    )
    expect(html).toBe(
      '<main><article class="card" data-n="3" aria-hidden="false"><a href="/a?b=1&amp;c=&quot;2&quot;">Czy „A” &lt; B &amp; C&#39;s?</a>' +
        '<p>zażółć <b>gęślą</b> 0</p><i>jaźń</i><i>1</i></article>' +
        '<input type="checkbox" checked=""/><br/><meta name="x" content="y"/><div><hr/></div></main>',
    )
  })

  it('escapes HTML given as an attribute value', () => {
    const title = (<b>{'x'}</b>) as unknown as string
    expect(renderHtml(<p title={title} data-raw={raw('"><script>') as unknown as string}>a</p>)).toBe(
      '<p title="&lt;b&gt;x&lt;/b&gt;" data-raw="&quot;&gt;&lt;script&gt;">a</p>',
    )
  })

  it('drops attribute names that could break out of the tag', () => {
    const props = { 'onclick="x"': 'y', title: 't' } as Record<string, string>
    expect(renderHtml(<p {...props}>a</p>)).toBe('<p title="t">a</p>')
  })

  it('refuses an asynchronous component instead of rendering a promise', () => {
    const Later = async () => <p>później</p>
    expect(() => renderHtml(<div><Later /></div>)).toThrow(/asynchronous/)
  })
})
