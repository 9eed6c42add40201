import { describe, expect, it } from 'vitest'
import type { Role } from '../accounts/roles.js'
import { allowedActions, findTransition, nextState, WORKFLOW, type EditorialState } from './workflow.js'

const me = 7
const other = 8
const story = (state: EditorialState, live = false, createdBy = me) => ({ state, live, createdBy })

describe('workflow table', () => {
  it('lets authors write and submit their own drafts only', () => {
    expect(allowedActions('author', me, story('draft'))).toEqual(['save', 'submit'])
    expect(allowedActions('author', me, story('draft', false, other))).toEqual([])
    expect(allowedActions('author', me, story('in_review'))).toEqual([])
    expect(allowedActions('contributor', me, story('draft'))).toEqual(['save', 'submit'])
  })

  it('lets editors review, publish, schedule, unpublish and correct any story', () => {
    expect(allowedActions('editor', me, story('in_review', false, other)).sort()).toEqual(['publish', 'return', 'save', 'schedule'])
    expect(allowedActions('editor', me, story('published', true, other)).sort()).toEqual(['correct', 'save', 'unpublish'])
    expect(allowedActions('administrator', me, story('scheduled', true, other)).sort()).toEqual(['save', 'unschedule'])
  })

  it('never offers corrections or unpublishing for a story that is not live', () => {
    expect(findTransition('editor', me, 'correct', story('draft', false))).toBeUndefined()
    expect(findTransition('editor', me, 'unpublish', story('draft', false))).toBeUndefined()
    expect(findTransition('editor', me, 'unpublish', story('draft', true))).toBeDefined()
  })

  it('keeps a published story live while an update waits as a draft', () => {
    const save = findTransition('editor', me, 'save', story('published', true))!
    expect(nextState(save, 'published')).toBe('draft')
    expect(nextState(save, 'in_review')).toBe('in_review')
  })

  it('names only known roles and states', () => {
    const roles = new Set<Role>(['administrator', 'editor', 'author', 'contributor', 'translator'])
    for (const t of WORKFLOW) for (const r of [...t.anyStory, ...t.ownStory]) expect(roles.has(r)).toBe(true)
  })
})
