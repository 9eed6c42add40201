import type { Generated, Selectable } from 'kysely'

export interface ContactMessageTable {
  id: Generated<number>
  name: string
  email: string
  message: string
  ip: Generated<string>
  user_agent: Generated<string>
  created_at: string
  handled_at: string | null
}

export interface ContactTables {
  contact_messages: ContactMessageTable
}

export type ContactMessageRow = Selectable<ContactMessageTable>
