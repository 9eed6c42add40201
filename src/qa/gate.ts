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
import { sitePath } from './checks/structure.js'
import { loadLanguageIdentifier } from './checks/language.js'
import type { Finding, MessageLanguage, QaMedia } from './types.js'
import { textUnits } from './units.js'

export interface GateOptions {
  readonly db: Db
  /** The Polish dictionary (shared with search); null: spelling is not checked. */
  readonly dictionary: () => Promise<PolishDictionary | null>
  readonly siteUrl?: string
}

/** Answers whether a site path (e.g. "/swiat/irak-wybory") is a page of the site. */
export type PathExists = (path: string) => Promise<boolean>

/** At most this many internal links of one story are looked up per check. */
const MAX_LINKS_CHECKED = 40
/** Autosaves come every few seconds: a path's answer is reused for this long. */
const PATH_ANSWER_TTL_MS = 30_000
const PATH_ANSWERS_KEPT = 1000

export interface GateResult {
  readonly findings: Finding[]
  readonly errors: number
  readonly warnings: number
}

export class StoryGate {
  private pathExists: PathExists | null = null
  private readonly pathAnswers = new Map<string, { exists: boolean; at: number }>()

  constructor(private readonly o: GateOptions) {}

  /**
   * Internal links are checked once the gate can ask the site whether a path exists (the
   * server sets this after building the application); until then they are not checked.
   */
  checkLinksWith(pathExists: PathExists): void {
    this.pathExists = pathExists
    this.pathAnswers.clear()
  }

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
    const knownPaths = await this.knownPaths(snapshot, media)
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
        ...(knownPaths ? { knownPaths } : {}),
      },
    )
    return { findings, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length }
  }

  /** The story's internal link targets that exist, as a predicate for the broken-link check. */
  private async knownPaths(snapshot: StorySnapshot, media: Map<number, QaMedia>): Promise<((path: string) => boolean) | null> {
    const pathExists = this.pathExists
    if (!pathExists) return null
    const origin = this.o.siteUrl ? new URL(this.o.siteUrl).origin : null
    const paths = new Set<string>()
    for (const unit of textUnits({ headline: snapshot.headline, lede: snapshot.lede, body: snapshot.body, language: snapshot.language }, { media })) {
      for (const link of unit.links) {
        const path = sitePath(link.href, origin)
        if (path !== null) paths.add(path)
      }
    }
    const checked = [...paths].slice(0, MAX_LINKS_CHECKED)
    const now = Date.now()
    const answers = await Promise.all(
      checked.map(async (path) => {
        const kept = this.pathAnswers.get(path)
        if (kept && now - kept.at < PATH_ANSWER_TTL_MS) return kept.exists
        // Our own failure to answer is not the author's broken link.
        const exists = await pathExists(path).catch(() => true)
        if (this.pathAnswers.size >= PATH_ANSWERS_KEPT) this.pathAnswers.clear()
        this.pathAnswers.set(path, { exists, at: now })
        return exists
      }),
    )
    const missing = new Set(checked.filter((_, i) => !answers[i]))
    return (path) => !missing.has(path)
  }
}
