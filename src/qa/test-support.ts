// Shared set-up for the quality gate's tests: the Morfologik dictionary extracted from the
// Debian jar into a temporary directory (as the Morfologik tests do), eld for languages,
// and small builders for units and check environments.
import { loadDictionary, type PolishDictionary } from '../polish/morfologik/dictionary.js'
import { installTestDictionary, mustNotSkip, polishJarProblem, type TestDictionary } from '../polish/morfologik/test-support.js'
import { loadLanguageIdentifier } from './checks/language.js'
import { sayer } from './messages.js'
import type { CheckEnv, LanguageIdentifier, QaContext, QaStory, TextUnit } from './types.js'

/** True when the dictionary tests must be skipped (no jar, and not on CI, where they must run). */
export const noDictionary = polishJarProblem() !== null && !mustNotSkip()

export interface Tools {
  dictionary: PolishDictionary
  identifyLanguage: LanguageIdentifier
  cleanup(): Promise<void>
}

export async function loadTestTools(): Promise<Tools> {
  const [installed, identifyLanguage]: [TestDictionary, LanguageIdentifier] = await Promise.all([installTestDictionary(), loadLanguageIdentifier()])
  return { dictionary: loadDictionary(installed.dictPath, installed.infoPath), identifyLanguage, cleanup: () => installed.cleanup() }
}

export function unit(text: string, role: TextUnit['role'] = 'paragraph', overrides: Partial<TextUnit> = {}): TextUnit {
  const field: TextUnit['field'] =
    role === 'paragraph' || role === 'heading' || role === 'quote' || role === 'list' || role === 'factbox'
      ? 'body'
      : role === 'embedTitle'
        ? 'title'
        : role
  return { field, block: field === 'body' ? 'b1' : null, role, text, sourceKey: 'b1', links: [], typeset: role !== 'alt' && role !== 'seoTitle' && role !== 'seoDescription', ...overrides }
}

export function env(context: QaContext = {}, story: Partial<QaStory> = {}): CheckEnv {
  const full: QaStory = { headline: 'Tytuł', body: { type: 'doc', content: [] }, ...story }
  return { story: full, context, language: full.language ?? 'pl', say: sayer(context.messages), foreign: new Set() }
}

/** A paragraph block with an id. */
export function paragraph(id: string, text: string) {
  return { type: 'paragraph' as const, attrs: { id }, content: [{ type: 'text' as const, text }] }
}
