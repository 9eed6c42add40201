/**
 * @module
 * A story published for a future time, or under embargo, becomes visible without any write
 * at that moment. A job at that time tells the listeners (page cache, search) so that cached
 * lists pick it up within seconds.
 */
import type { ContentChange, ContentService } from '../content/content.service.js'
import type { DbHandle } from '../platform/db/database.js'
import { enqueueJob, type JobRunner } from '../platform/jobs/jobs.js'

export const VISIBLE_JOB = 'article-visible'

export async function scheduleVisibility(dbh: DbHandle, change: ContentChange, now: Date): Promise<void> {
  if (change.action === 'visible' || change.action === 'unpublish') return
  const row = await dbh.db.selectFrom('articles').select(['published_at', 'embargo_until', 'status']).where('id', '=', change.articleId).executeTakeFirst()
  if (!row || (row.status !== 'published' && row.status !== 'scheduled')) return
  for (const at of [row.published_at, row.embargo_until]) {
    if (at && at > now.toISOString()) {
      await enqueueJob(dbh, { kind: VISIBLE_JOB, dedupeKey: `${change.articleId}@${at}`, runAt: new Date(at), payload: { articleId: change.articleId } })
    }
  }
}

export function handleVisibilityJobs(jobs: JobRunner, content: ContentService): void {
  jobs.on(VISIBLE_JOB, async (job) => {
    const { articleId } = JSON.parse(job.payload) as { articleId: number }
    await content.notifyVisible(articleId)
  })
}
