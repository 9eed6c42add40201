/** Block documents exercising every node and mark, for the editor's round-trip tests and the benchmark. */
import type { BlockDocument } from '../content/document.js'

/** Every node, every mark, every attribute, in the editor's canonical form. */
export const EVERY_NODE: BlockDocument = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      attrs: { id: 'p1' },
      content: [
        { type: 'text', text: 'Premier powiedział, że ' },
        { type: 'text', text: 'decyzja zapadła', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' i ' },
        { type: 'text', text: 'nie', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: ' zostanie ' },
        { type: 'text', text: 'zmieniona', marks: [{ type: 'strike' }] },
        { type: 'text', text: '. CO' },
        { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
        { type: 'text', text: ' i m' },
        { type: 'text', text: '3', marks: [{ type: 'superscript' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'źródło', marks: [{ type: 'link', attrs: { href: 'https://example.com/a?b=1', title: 'Komunikat' } }] },
        { type: 'text', text: ', ' },
        { type: 'text', text: 'pogrubiony link', marks: [{ type: 'link', attrs: { href: '/kraj/inny-tekst', title: '' } }, { type: 'bold' }] },
        { type: 'text', text: ' i ' },
        { type: 'text', text: 'poczta', marks: [{ type: 'link', attrs: { href: 'mailto:redakcja@example.com', title: '' } }] },
      ],
    },
    { type: 'heading', attrs: { id: 'h2', level: 2 }, content: [{ type: 'text', text: 'Śródtytuł drugiego stopnia' }] },
    { type: 'heading', attrs: { id: 'h3', level: 3 }, content: [{ type: 'text', text: 'Trzeciego' }] },
    { type: 'heading', attrs: { id: 'h4', level: 4 }, content: [{ type: 'text', text: 'Czwartego', marks: [{ type: 'italic' }] }] },
    { type: 'quote', attrs: { id: 'q1', attribution: 'rzecznik rządu' }, content: [{ type: 'text', text: 'Nie ma na to zgody.' }] },
    { type: 'quote', attrs: { id: 'q2', attribution: '' }, content: [{ type: 'text', text: 'Cytat bez autora' }, { type: 'hardBreak' }, { type: 'text', text: 'w dwóch wierszach' }] },
    {
      type: 'list',
      attrs: { id: 'l1', ordered: false },
      content: [
        { type: 'listItem', content: [{ type: 'text', text: 'pierwszy punkt' }] },
        { type: 'listItem', content: [{ type: 'text', text: 'drugi ' }, { type: 'text', text: 'ważny', marks: [{ type: 'bold' }] }] },
        { type: 'listItem' },
      ],
    },
    { type: 'list', attrs: { id: 'l2', ordered: true }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'jeden' }] }, { type: 'listItem', content: [{ type: 'text', text: 'dwa' }] }] },
    { type: 'image', attrs: { id: 'i1', mediaId: 12, src: null, alt: 'Sala obrad', caption: 'Posiedzenie rządu', credit: 'PAP' } },
    { type: 'image', attrs: { id: 'i2', mediaId: null, src: 'https://example.com/zdjecie.jpg', alt: '', caption: '', credit: '' } },
    { type: 'embed', attrs: { id: 'e1', url: 'https://www.youtube.com/watch?v=abc', title: 'Konferencja prasowa', provider: 'YouTube' } },
    { type: 'embed', attrs: { id: 'e2', url: 'https://example.com/post/1', title: '', provider: '' } },
    { type: 'divider', attrs: { id: 'd1' } },
    {
      type: 'factbox',
      attrs: { id: 'f1', title: 'W skrócie' },
      content: [
        { type: 'paragraph', attrs: { id: 'fp1' }, content: [{ type: 'text', text: 'Najważniejsze fakty.' }] },
        { type: 'list', attrs: { id: 'fl1', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'fakt' }] }] },
      ],
    },
    { type: 'factbox', attrs: { id: 'f2', title: '' }, content: [{ type: 'paragraph', attrs: { id: 'fp2' } }] },
    { type: 'paragraph', attrs: { id: 'p2' } },
  ],
}

/** A long story for the benchmark: `blocks` blocks of ordinary news copy with some structure. */
export function longStory(blocks: number): BlockDocument {
  const content: BlockDocument['content'] = []
  for (let i = 0; i < blocks; i++) {
    const id = `b${i}`
    if (i % 25 === 10) content.push({ type: 'heading', attrs: { id, level: 2 }, content: [{ type: 'text', text: `Śródtytuł numer ${i}` }] })
    else if (i % 40 === 20) content.push({ type: 'quote', attrs: { id, attribution: 'świadek' }, content: [{ type: 'text', text: `Cytat numer ${i}: wszystko działo się bardzo szybko.` }] })
    else if (i % 50 === 30)
      content.push({ type: 'list', attrs: { id, ordered: false }, content: [1, 2, 3].map((n) => ({ type: 'listItem' as const, content: [{ type: 'text' as const, text: `punkt ${n}` }] })) })
    else
      content.push({
        type: 'paragraph',
        attrs: { id },
        content: [
          { type: 'text', text: `Akapit ${i}. Rada Ministrów przyjęła w czwartek projekt ustawy, który ` },
          { type: 'text', text: 'zmienia zasady', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' finansowania samorządów; według ministerstwa na zmianach skorzysta ponad dwa tysiące gmin, a pierwsze przelewy trafią do nich jeszcze w tym roku.' },
        ],
      })
  }
  return { type: 'doc', content }
}
