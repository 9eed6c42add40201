/**
 * @module
 * What is checked before a story is published or scheduled, besides the workflow and alt
 * text: the quality gate's errors (src/qa/gate.ts) and, for a story on the translation
 * desk, segments still untranslated (src/translation/story.ts). Both can be overridden by
 * an editor with a reason (NewsroomService.act, audited as `story.publish-override`).
 */
import type { Db } from '../platform/db/database.js'
import type { StoryGate } from '../qa/gate.js'
import { checkPublishable } from '../translation/segments.js'
import { effectiveStatuses, StoryTranslations } from '../translation/story.js'
import { countPl } from '../polish/plural.js'
import type { PublishCheck } from './newsroom.service.js'

export function qaPublishCheck(gate: StoryGate): PublishCheck {
  return async (story) => {
    if (story.kind !== 'article') return null
    const { findings, errors } = await gate.check(story.snapshot, story.articleId)
    if (errors === 0) return null
    return {
      kind: 'qa',
      message: `Kontrola jakości znalazła ${countPl(errors, 'błąd', 'błędy', 'błędów')}: popraw ${errors === 1 ? 'go' : 'je'} przed publikacją (lista przy treści artykułu).`,
      detail: { findings: findings.filter((f) => f.severity === 'error') },
    }
  }
}

export function translationPublishCheck(db: Db): PublishCheck {
  const store = new StoryTranslations(db)
  return async (story) => {
    const translation = await store.get(story.articleId)
    if (!translation) return null
    const check = checkPublishable(story.snapshot, effectiveStatuses(translation, story.snapshot))
    if (check.ok) return null
    return { kind: 'translation', message: `Tłumaczenie nie jest skończone: ${countPl(check.untranslated.length, 'element', 'elementy', 'elementów')} bez przekładu.`, detail: { untranslated: check.untranslated } }
  }
}
