// The seed page (a translated wire story that went out with its photo caption in English
// and cut off mid-name, "al -Muhandis" and "oświadczył w oświadczeniu"), pasted as plain
// text: the gate must point at each slip exactly, and let the corrected text through.
// The fixture copies the relevant lines of the page; the test reads nothing outside src/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkStory, hasErrors } from './check-story.js'
import { storyFromPlainText } from './input.js'
import { loadTestTools, noDictionary, type Tools } from './test-support.js'
import type { Finding } from './types.js'

const HEADLINE = 'Irak i USA rozpoczynają formalne rozmowy w celu zakończenia koalicji utworzonej do walki z Państwem Islamskim'
const CAPTION = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'
const LEDE = 'Obydwa narody podjęły decyzję o rozpoczęciu dialogu, ponieważ siły amerykańskie w Iraku i Syrii są celem wspieranych przez Iran bojowników od początku wojny Izrael-Hamas.'
const P1 =
  'Premier Iraku Mohammed Shia al-Sudani oświadczył w oświadczeniu, że sponsorował „rozpoczęcie pierwszej rundy dwustronnego dialogu między Irakiem a Stanami Zjednoczonymi Ameryki w celu zakończenia misji Koalicji w Iraku”.'
const P2 =
  'W oświadczeniu wydanym przez koalicję stwierdzono, że grupy robocze złożone z urzędników wojskowych Iraku i koalicji ocenią „zagrożenie ze strony Daesh (IS), wymogi operacyjne i środowiskowe oraz możliwości Irackich Sił Bezpieczeństwa”, a wyższa komisja wojskowa „będzie pracować nad ustaleniem warunki przeniesienia misji w Iraku.”'
const P3 =
  'Ponieważ grupa ekstremistyczna utraciła kontrolę nad zajętym niegdyś terytorium, iraccy urzędnicy okresowo wzywają do wycofania sił koalicyjnych, zwłaszcza po amerykańskim nalocie w styczniu 2020 r., w wyniku którego zginęli irański generał Qassem Soleimani i przywódca irackiej milicji Abu Mahdi al -Muhandis przed lotniskiem w Bagdadzie.'
const P4 = 'Niemniej jednak Islamski Opór w Iraku w oświadczeniu przyznał się do tej decyzji, stwierdzając, że „dowodzi ona, że Amerykanie rozumieją jedynie język siły”.'
const P5 = 'Zapowiedziała kontynuowanie ataków.'

const SEED_PAGE = [HEADLINE, '', 'Autor: Laura Kowalczyk', '', `Fot. ${CAPTION}`, '', LEDE, '', P1, '', P2, '', P3, '', P4, '', P5, ''].join('\n')

// The same page with the slips fixed: the caption translated and completed (with the alt
// text and credit the page lacked), "al-Muhandis", "poinformował w oświadczeniu".
const CAPTION_PL = 'Premier Iraku Mohammed Szija as-Sudani (z prawej) i generał major Joel B. Vowell, dowódca sił koalicji, w Bagdadzie.'
const FIXED_PAGE = [
  HEADLINE,
  '',
  'Autor: Laura Kowalczyk',
  '',
  `Fot. ${CAPTION_PL}`,
  'Alt: Premier Iraku i amerykański generał ściskają sobie dłonie na tle flag.',
  'Autor zdjęcia: Biuro prasowe premiera Iraku',
  '',
  LEDE,
  '',
  P1.replace('oświadczył w oświadczeniu', 'poinformował w oświadczeniu'),
  '',
  P2,
  '',
  P3.replace('al -Muhandis', 'al-Muhandis'),
  '',
  P4,
  '',
  P5,
  '',
].join('\n')

const brief = (f: Finding) => ({ kind: f.kind, severity: f.severity, field: f.field, block: f.block, start: f.start, end: f.end, text: f.text })

describe.skipIf(noDictionary)('the seed page through the quality gate', () => {
  let tools: Tools
  beforeAll(async () => {
    tools = await loadTestTools()
  })
  afterAll(() => tools?.cleanup())

  const check = (text: string) => {
    const { story, context } = storyFromPlainText(text)
    return checkStory(story, { ...context, dictionary: tools.dictionary, identifyLanguage: tools.identifyLanguage })
  }

  it('imports as a story: headline, lead photo caption, lede, paragraphs b1…b5', () => {
    const { story } = storyFromPlainText(SEED_PAGE)
    expect(story.headline).toBe(HEADLINE)
    expect(story.leadImage).toEqual({ caption: CAPTION, alt: '', credit: '' })
    expect(story.lede).toBe(LEDE)
    expect(story.body.content.map((b) => b.attrs && 'id' in b.attrs && b.attrs.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5'])
  })

  it('finds the English caption, the cut-off caption, "al -Muhandis" and the repetition, each with its span', () => {
    const found = check(SEED_PAGE)
    const muhandis = P3.indexOf('al -Muhandis')
    const repetition = P1.indexOf('oświadczył w oświadczeniu')
    expect(found.map(brief)).toEqual([
      { kind: 'headline-too-long', severity: 'warning', field: 'headline', block: null, start: 70, end: HEADLINE.length, text: HEADLINE.slice(70) },
      { kind: 'language', severity: 'error', field: 'caption', block: null, start: 0, end: CAPTION.length, text: CAPTION },
      { kind: 'cut-off', severity: 'error', field: 'caption', block: null, start: 53, end: 71, text: 'Major General Joel' },
      { kind: 'missing-alt', severity: 'error', field: 'alt', block: null, start: 0, end: 0, text: '' },
      { kind: 'missing-credit', severity: 'warning', field: 'credit', block: null, start: 0, end: 0, text: '' },
      { kind: 'repetition', severity: 'warning', field: 'body', block: 'b1', start: repetition, end: repetition + 25, text: 'oświadczył w oświadczeniu' },
      { kind: 'hyphen-spacing', severity: 'warning', field: 'body', block: 'b3', start: muhandis, end: muhandis + 12, text: 'al -Muhandis' },
    ])
    expect(CAPTION.slice(53, 71)).toBe('Major General Joel')
    expect(hasErrors(found)).toBe(true)
    const byKind = Object.fromEntries(found.map((f) => [f.kind, f.message]))
    expect(byKind.language).toBe('Podpis zdjęcia jest w innym języku niż artykuł (rozpoznano: angielski; artykuł: polski). Przetłumacz go na język polski.')
    expect(byKind['cut-off']).toContain('w pół nazwiska: „Major General Joel”')
    expect(byKind['hyphen-spacing']).toContain('„al-Muhandis”')
    expect(byKind.repetition).toContain('„oświadczył” i „oświadczeniu”')
  })

  it('pasted without the "Fot." marker, the caption line is still caught as a body paragraph', () => {
    const found = check([HEADLINE, '', 'Lead: ' + LEDE, '', CAPTION, '', P5].join('\n'))
    expect(found.filter((f) => f.severity === 'error').map(brief)).toEqual([
      { kind: 'language', severity: 'error', field: 'body', block: 'b1', start: 0, end: CAPTION.length, text: CAPTION },
      { kind: 'cut-off', severity: 'error', field: 'body', block: 'b1', start: 53, end: 71, text: 'Major General Joel' },
    ])
  })

  it('after the fixes there are no errors (the long headline stays a warning; the grammar slip "ustaleniem warunki" is not checked)', () => {
    const found = check(FIXED_PAGE)
    expect(found.map(brief)).toEqual([{ kind: 'headline-too-long', severity: 'warning', field: 'headline', block: null, start: 70, end: HEADLINE.length, text: HEADLINE.slice(70) }])
    expect(hasErrors(found)).toBe(false)
  })
})
