/**
 * @module
 * The editorial workflow as data: which role may take which action from which state.
 * The admin UI (buttons), the API (checks) and the tests all read this one table.
 */
import type { Role } from '../accounts/roles.js'

/** The state of the newsroom's working copy; the live version is the `articles` row. */
export type EditorialState = 'draft' | 'in_review' | 'scheduled' | 'published'

export type WorkflowAction = 'save' | 'autosave' | 'submit' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'unpublish' | 'correct'

export interface Transition {
  action: WorkflowAction
  from: readonly EditorialState[]
  /** The state after the action; `same` keeps it, `draft-if-published` marks pending changes. */
  to: EditorialState | 'same' | 'draft-if-published'
  /** Roles that may take the action on any story. */
  anyStory: readonly Role[]
  /** Roles that may take it on stories they created. */
  ownStory: readonly Role[]
  /** Polish label for buttons. */
  label: string
}

const EDITORS: readonly Role[] = ['administrator', 'editor']
const WRITERS: readonly Role[] = ['author', 'contributor', 'translator']

export const WORKFLOW: readonly Transition[] = [
  // Saving a published story keeps the live version online: the copy becomes a pending draft.
  { action: 'save', from: ['draft', 'in_review', 'scheduled', 'published'], to: 'draft-if-published', anyStory: EDITORS, ownStory: [], label: 'Zapisz' },
  { action: 'save', from: ['draft'], to: 'same', anyStory: [], ownStory: WRITERS, label: 'Zapisz' },
  { action: 'autosave', from: ['draft', 'in_review', 'scheduled', 'published'], to: 'draft-if-published', anyStory: EDITORS, ownStory: [], label: 'Autozapis' },
  { action: 'autosave', from: ['draft'], to: 'same', anyStory: [], ownStory: WRITERS, label: 'Autozapis' },
  { action: 'submit', from: ['draft'], to: 'in_review', anyStory: EDITORS, ownStory: WRITERS, label: 'Wyślij do akceptacji' },
  { action: 'return', from: ['in_review'], to: 'draft', anyStory: EDITORS, ownStory: [], label: 'Zwróć do poprawek' },
  { action: 'publish', from: ['draft', 'in_review'], to: 'published', anyStory: EDITORS, ownStory: [], label: 'Opublikuj' },
  { action: 'schedule', from: ['draft', 'in_review'], to: 'scheduled', anyStory: EDITORS, ownStory: [], label: 'Zaplanuj publikację' },
  { action: 'unschedule', from: ['scheduled'], to: 'in_review', anyStory: EDITORS, ownStory: [], label: 'Anuluj planowanie' },
  { action: 'unpublish', from: ['published', 'draft', 'in_review'], to: 'draft', anyStory: EDITORS, ownStory: [], label: 'Wycofaj z publikacji' },
  { action: 'correct', from: ['published', 'draft', 'in_review'], to: 'same', anyStory: EDITORS, ownStory: [], label: 'Dodaj sprostowanie' },
]

export interface StoryAccess {
  state: EditorialState
  /** Whether the story is live on the site now (unpublish and corrections need that). */
  live: boolean
  createdBy: number | null
}

/** The transition that lets `role` take `action` on the story, if any. */
export function findTransition(role: Role, userId: number, action: WorkflowAction, story: StoryAccess): Transition | undefined {
  if ((action === 'unpublish' || action === 'correct') && !story.live) return undefined
  const own = story.createdBy === userId
  return WORKFLOW.find(
    (t) => t.action === action && t.from.includes(story.state) && (t.anyStory.includes(role) || (own && t.ownStory.includes(role))),
  )
}

/** Actions (other than autosave) this user may take now: the buttons the editor shows. */
export function allowedActions(role: Role, userId: number, story: StoryAccess): WorkflowAction[] {
  const actions = new Set<WorkflowAction>()
  for (const t of WORKFLOW) if (t.action !== 'autosave' && findTransition(role, userId, t.action, story)) actions.add(t.action)
  return [...actions]
}

export function nextState(transition: Transition, current: EditorialState): EditorialState {
  if (transition.to === 'same') return current
  if (transition.to === 'draft-if-published') return current === 'published' ? 'draft' : current
  return transition.to
}
