/**
 * @module
 * The newsroom's contact inbox: messages sent through `/kontakt`, newest first, marked
 * handled or deleted by editors (`/admin/wiadomosci`). No page of the site shows them, so
 * nothing here touches the page cache.
 */
import type { Db } from '../platform/db/database.js'
import type { ContactMessageRow } from './contact.table.js'

export interface InboxFilter {
  /** Only messages nobody has handled yet. */
  unhandled: boolean
  page: number
  pageSize: number
}

export interface InboxPage {
  messages: ContactMessageRow[]
  total: number
  unhandled: number
  page: number
  pages: number
}

export async function listInbox(db: Db, filter: InboxFilter): Promise<InboxPage> {
  let q = db.selectFrom('contact_messages')
  if (filter.unhandled) q = q.where('handled_at', 'is', null)
  const [totalRow, unhandledRow, messages] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('contact_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('handled_at', 'is', null).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ])
  const total = Number(totalRow.n)
  return { messages, total, unhandled: Number(unhandledRow.n), page: filter.page, pages: Math.max(1, Math.ceil(total / filter.pageSize)) }
}

export async function getMessage(db: Db, id: number): Promise<ContactMessageRow | undefined> {
  return db.selectFrom('contact_messages').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Marks a message handled (`at`) or not (`null`); false when there is no such message. */
export async function setHandled(db: Db, id: number, at: string | null): Promise<boolean> {
  const res = await db.updateTable('contact_messages').set({ handled_at: at }).where('id', '=', id).executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

export async function deleteMessage(db: Db, id: number): Promise<boolean> {
  const res = await db.deleteFrom('contact_messages').where('id', '=', id).executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}
