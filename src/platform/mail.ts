/**
 * @module
 * Outgoing mail over SMTP (nodemailer). Absent when SMTP_URL is not set: callers then skip
 * notifications, and the data they would have mailed is still in the database.
 */
import nodemailer from 'nodemailer'

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
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    async send(message) {
      await transport.sendMail({ from, ...message })
    },
    close() {
      transport.close()
    },
  }
}
