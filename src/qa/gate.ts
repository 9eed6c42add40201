/**
 * @module
 * The quality gate inside the newsroom: the checks of `checkStory` run on a working copy
 * with what the newsroom knows — the media library's alt text, captions and credits, the
 * glossary's renderings and the authors' names as known words, the site's address, and for
 * a story on the translation desk its original (so text left untranslated is an error).
 * The story API returns the findings after every save; publishing and scheduling are
 * refused while there is an error, unless an editor overrides with a reason (audited).
 */
import { mediaByIds } from '../content/content.repository.js'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'
import type { PolishDictionary } from '../polish/morfologik/dictionary.js'
import type { Db } from '../platform/db/database.js'
import { StoryTranslations } from '../translation/story.js'
import { checkStory } from './check-story.js'
import { loadLanguageIdentifier } from './checks/language.js'
import type { Finding, MessageLanguage, QaMedia } from './types.js'
import { textUnits } from './units.js'

export interface GateOptions {
  readonly db: Db
  /** The Polish dictionary (shared with search); null: spelling is not checked. */
  readonly dictionary: () => Promise<PolishDictionary | null>
  readonly siteUrl?: string
}

export interface GateResult {
  readonly findings: Finding[]
  readonly errors: number
  readonly warnings: number
}

export class StoryGate {
  constructor(private readonly o: GateOptions) {}

  /** The findings for a working copy (of article `articleId`, when saved). */
  async check(snapshot: StorySnapshot, articleId: number | null, messages: MessageLanguage = 'pl'): Promise<GateResult> {
    const db = this.o.db
    const ids = [snapshot.leadMediaId ?? null, ...snapshot.body.content.map((b) => (b.type === 'image' ? b.attrs.mediaId : null))]
    const [identifyLanguage, dictionary, mediaRows, glossary, authors, translation] = await Promise.all([
      loadLanguageIdentifier(),
      this.o.dictionary().catch(() => null),
      mediaByIds(db, ids),
      db.selectFrom('glossary').select('target').execute(),
      snapshot.authorSlugs.length ? db.selectFrom('authors').select('name').where('slug', 'in', snapshot.authorSlugs).execute() : Promise.resolve([]),
      articleId === null ? Promise.resolve(null) : new StoryTranslations(db).get(articleId),
    ])
    const media = new Map<number, QaMedia>()
    for (const [id, m] of mediaRows) media.set(id, { alt: m.alt, caption: m.caption, credit: m.credit })
    let source: Record<string, string> | undefined
    if (translation) {
      source = {}
      for (const unit of textUnits({ ...translation.source, language: translation.sourceLang }, { media })) source[unit.sourceKey] = unit.text
    }
    const findings = checkStory(
      {
        headline: snapshot.headline,
        lede: snapshot.lede,
        body: snapshot.body,
        language: snapshot.language,
        leadMediaId: snapshot.leadMediaId ?? null,
        seoTitle: snapshot.seoTitle,
        seoDescription: snapshot.seoDescription,
        publishedAt: snapshot.publishedAt ?? null,
        embargoUntil: snapshot.embargoUntil ?? null,
      },
      {
        media,
        glossary: glossary.map((g) => g.target),
        knownNames: authors.map((a) => a.name),
        identifyLanguage,
        dictionary,
        messages,
        ...(this.o.siteUrl ? { siteUrl: this.o.siteUrl } : {}),
        ...(source ? { source } : {}),
      },
    )
    return { findings, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length }
  }
}
