// Public surface of the pre-publish quality gate (docs/qa.md).
export { checkStory, hasErrors, loadQaTools, sortFindings, withPositionalIds, type QaTools } from './check-story.js'
export { loadLanguageIdentifier } from './checks/language.js'
export { storyFromJson, storyFromJsonText, storyFromPlainText, storyFromText, StoryInputError, type ParsedStory } from './input.js'
export type { Finding, FindingField, FindingKind, LanguageIdentifier, MessageLanguage, QaContext, QaMedia, QaStory, Severity } from './types.js'
