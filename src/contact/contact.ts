/**
 * @module
 * The contact form: what a visitor may submit (validated with zod, Polish messages per field)
 * and what happens to it — stored in `contact_messages`, then mailed to the newsroom when
 * SMTP and CONTACT_TO are configured. The stored row is the record; the e-mail is a
 * convenience whose failure is logged and never loses the message.
 */
import type { Logger } from 'pino'
import { z } from 'zod'
import type { Db } from '../platform/db/database.js'
import type { Mailer } from '../platform/mail.js'
import { formatDateTimePl } from '../polish/dates.js'

export const NAME_MAX = 200
export const EMAIL_MAX = 254
export const MESSAGE_MIN = 10
export const MESSAGE_MAX = 5000

/** Length in characters as a person counts them (code points, not UTF-16 units). */
function chars(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

const emailFormat = z.email()

export const ContactSchema = z.object({
  // One line: collapse any whitespace (a newline in a name would end up in a mail header).
  name: z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .refine((s) => s.length > 0, 'Podaj imię i nazwisko.')
    .refine((s) => chars(s) <= NAME_MAX, `Imię i nazwisko może mieć najwyżej ${NAME_MAX} znaków.`),
  email: z
    .string()
    .trim()
    .refine((s) => s.length > 0, 'Podaj adres e-mail.')
    .refine((s) => s.length <= EMAIL_MAX, `Adres e-mail może mieć najwyżej ${EMAIL_MAX} znaki.`)
    .refine((s) => s.length === 0 || s.length > EMAIL_MAX || emailFormat.safeParse(s).success, 'Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.'),
  // Browsers send line breaks as CRLF; count and store them as one character each.
  message: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => s.length > 0, 'Wpisz treść wiadomości.')
    .refine((s) => s.length === 0 || chars(s) >= MESSAGE_MIN, `Wiadomość musi mieć co najmniej ${MESSAGE_MIN} znaków.`)
    .refine((s) => chars(s) <= MESSAGE_MAX, `Wiadomość może mieć najwyżej ${MESSAGE_MAX} znaków.`),
})

export type ContactInput = z.output<typeof ContactSchema>
export type ContactField = keyof ContactInput
export const CONTACT_FIELDS: readonly ContactField[] = ['name', 'email', 'message']

/** What the visitor typed, as strings, to put back into the form. */
export type ContactForm = Record<ContactField, string>
export type ContactErrors = Partial<Record<ContactField, string>>

export type ContactValidation = { ok: true; data: ContactInput } | { ok: false; errors: ContactErrors }

/** Validates the submitted fields; on failure, the first message for each bad field. */
export function validateContact(form: ContactForm): ContactValidation {
  const parsed = ContactSchema.safeParse(form)
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: ContactErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ContactField
    if (CONTACT_FIELDS.includes(field) && errors[field] === undefined) errors[field] = issue.message
  }
  return { ok: false, errors }
}

export interface ContactRequestMeta {
  ip: string
  userAgent: string
}

export interface ContactServiceDeps {
  db: Db
  mailer: Mailer | null
  /** Where notifications go; none are sent when unset. */
  contactTo: string | undefined
  logger: Logger
  now: () => Date
  /** Time zone of the time shown in the notification. */
  timeZone: () => Promise<string>
}

export interface SubmitResult {
  id: number
  /** Settles when the notification was sent, skipped or failed (never rejects). */
  notified: Promise<'sent' | 'skipped' | 'failed'>
}

export function notificationSubject(name: string): string {
  return `Wiadomość z formularza kontaktowego: ${name}`
}

export function notificationText(input: ContactInput, meta: { ip: string; at: Date; timeZone: string }): string {
  return [
    `Imię i nazwisko: ${input.name}`,
    `E-mail: ${input.email}`,
    `Czas: ${formatDateTimePl(meta.at, meta.timeZone)}`,
    `IP: ${meta.ip}`,
    '',
    'Wiadomość:',
    input.message,
    '',
  ].join('\n')
}

export class ContactService {
  constructor(private readonly deps: ContactServiceDeps) {}

  /**
   * Stores a valid message, then starts the e-mail notification without waiting for it, so
   * a slow or unreachable SMTP server never delays or fails the visitor's request.
   */
  async submit(input: ContactInput, meta: ContactRequestMeta): Promise<SubmitResult> {
    const at = this.deps.now()
    const row = await this.deps.db
      .insertInto('contact_messages')
      .values({
        name: input.name,
        email: input.email,
        message: input.message,
        ip: meta.ip.slice(0, 100),
        user_agent: meta.userAgent.slice(0, 500),
        created_at: at.toISOString(),
        handled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    this.deps.logger.info({ contactMessageId: row.id }, 'contact message stored')
    return { id: row.id, notified: this.notify(row.id, input, meta.ip, at) }
  }

  private async notify(id: number, input: ContactInput, ip: string, at: Date): Promise<'sent' | 'skipped' | 'failed'> {
    const { mailer, contactTo, logger } = this.deps
    if (!mailer || !contactTo) return 'skipped'
    try {
      const timeZone = await this.deps.timeZone()
      await mailer.send({
        to: contactTo,
        replyTo: input.email,
        subject: notificationSubject(input.name),
        text: notificationText(input, { ip, at, timeZone }),
      })
      logger.info({ contactMessageId: id }, 'contact notification sent')
      return 'sent'
    } catch (err) {
      logger.error({ err, contactMessageId: id }, 'contact notification failed; the message is stored')
      return 'failed'
    }
  }
}
