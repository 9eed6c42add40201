/**
 * @module
 * Outgoing mail over SMTP (nodemailer). Absent when SMTP_URL is not set: callers then skip
 * notifications, and the data they would have mailed is still in the database.
 * nodemailer is loaded with the first message, not at start.
 */
import type { Transporter } from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  replyTo?: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
  close(): void
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | null = null
  const open = () => (transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl)))
  return {
    async send(message) {
      await (await open()).sendMail({ from, ...message })
    },
    close() {
      void transport?.then((t) => t.close())
    },
  }
}
