/**
 * @module
 * The quality gate: `checkStory(story, context)` runs every check and returns the findings
 * in reading order (headline, lede, lead image, body blocks, SEO fields, times). Errors
 * block publishing; warnings are shown. See docs/qa.md.
 */
import type { Block, BlockDocument } from '../content/document.js'
import { loadSearchDictionary } from '../search/dictionary-loader.js'
import { checkCutOff } from './checks/cut-off.js'
import { checkLanguage, loadLanguageIdentifier } from './checks/language.js'
import { checkPunctuation } from './checks/punctuation.js'
import { checkRepetition } from './checks/repetition.js'
import { checkSpelling } from './checks/spelling.js'
import { checkStructure } from './checks/structure.js'
import { checkUntranslated } from './checks/untranslated.js'
import { sayer } from './messages.js'
import type { CheckEnv, Finding, QaContext, QaStory, TextUnit } from './types.js'
import { textUnits } from './units.js'

/** Gives blocks without an id a positional one ("b1", "b2", …) so findings can point at them. */
export function withPositionalIds(doc: BlockDocument): BlockDocument {
  let changed = false
  const content = doc.content.map((block, i) => {
    if (block.attrs && 'id' in block.attrs && block.attrs.id) return block
    changed = true
    return { ...block, attrs: { ...(block.attrs ?? {}), id: `b${i + 1}` } } as Block
  })
  return changed ? { ...doc, content } : doc
}

const FIELD_ORDER: Record<Finding['field'], number> = {
  headline: 0,
  lede: 1,
  body: 2,
  caption: 2,
  alt: 2,
  credit: 2,
  attribution: 2,
  title: 2,
  seoTitle: 3,
  seoDescription: 4,
  embargoUntil: 5,
}
const WITHIN_BLOCK: Partial<Record<Finding['field'], number>> = { title: 0, body: 1, attribution: 2, caption: 3, alt: 4, credit: 5 }

/** Runs every check. Language identification and the dictionary come from the context (see loadQaTools). */
export function checkStory(input: QaStory, context: QaContext = {}): Finding[] {
  const story: QaStory = { ...input, body: withPositionalIds(input.body) }
  const language = (story.language || 'pl').toLowerCase()
  const foreign = new Set<TextUnit>()
  const env: CheckEnv = { story, context, language, say: sayer(context.messages), foreign }
  const units = textUnits(story, context)
  const findings: Finding[] = []
  const identify = context.identifyLanguage
  if (identify) {
    for (const unit of units) {
      const found = checkLanguage(unit, env, identify)
      if (found.length > 0) foreign.add(unit)
      findings.push(...found)
    }
  }
  for (const unit of units) {
    findings.push(...checkCutOff(unit, env), ...checkUntranslated(unit, env), ...checkPunctuation(unit, env), ...checkRepetition(unit, env), ...checkSpelling(unit, env))
  }
  findings.push(...checkStructure(units, env))
  return sortFindings(findings, story)
}

/** Reading order: story fields, then blocks in document order (lead image first), then by offset. */
export function sortFindings(findings: Finding[], story: QaStory): Finding[] {
  const blockIndex = new Map<string, number>()
  story.body.content.forEach((b, i) => {
    const id = b.attrs && 'id' in b.attrs ? b.attrs.id : undefined
    if (id) blockIndex.set(id, i)
  })
  const rank = (f: Finding): number[] => {
    const group = FIELD_ORDER[f.field]
    const block = f.block === null ? (group === 2 ? -1 : 0) : (blockIndex.get(f.block) ?? 1e9)
    return [group, block, WITHIN_BLOCK[f.field] ?? 0, f.start, f.end]
  }
  return findings
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => {
      for (let k = 0; k < a.r.length; k++) if (a.r[k] !== b.r[k]) return a.r[k]! - b.r[k]!
      return a.i - b.i
    })
    .map((x) => x.f)
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error')
}

export interface QaTools {
  identifyLanguage: QaContext['identifyLanguage']
  dictionary: QaContext['dictionary']
  /** Why the dictionary is missing, when it is (English, for operators). */
  warning: string | null
}

/** Loads language identification and the Morfologik dictionary (from `dictionaryDir`, extracted from the Debian jar when missing). */
export async function loadQaTools(options: { dictionaryDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<QaTools> {
  const [identifyLanguage, status] = await Promise.all([
    loadLanguageIdentifier(),
    options.dictionaryDir ? loadSearchDictionary(options.dictionaryDir, options.env ? { env: options.env } : {}) : Promise.resolve(null),
  ])
  const warning = !options.dictionaryDir
    ? 'no dictionary directory given: spelling is not checked and repetitions compare stems only'
    : status?.dictionary
      ? null
      : `${status?.message ?? 'dictionary missing'} Spelling is not checked and repetitions compare stems only.`
  return { identifyLanguage, dictionary: status?.dictionary ?? null, warning }
}
