/**
 * @module
 * Site settings and the menu: data, not code. Each key has a zod schema; stored as JSON.
 */
import { z } from 'zod'
import type { Db, Tx } from '../platform/db/database.js'

export const MenuItemSchema = z.object({
  label: z.string().trim().min(1).max(60),
  href: z.string().regex(/^(\/|https?:\/\/)/, 'a site path (/o-nas) or an absolute URL').max(500),
})
export type MenuItem = z.infer<typeof MenuItemSchema>

export const SiteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(100).default('Depesza'),
  description: z.string().max(300).default(''),
  language: z.string().regex(/^[a-z]{2}$/).default('pl'),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('pl', { timeZone: tz })
        return true
      } catch {
        return false
      }
    }, 'unknown time zone')
    .default('Europe/Warsaw'),
  /** Publisher name for JSON-LD and feeds' copyright. */
  publisher: z.string().max(200).default(''),
  /** Main navigation (sections first, then pages such as "O nas", "Kontakt"). */
  menu: z.array(MenuItemSchema).max(30).default([]),
  /** Secondary links in the footer. */
  footerMenu: z.array(MenuItemSchema).max(30).default([]),
})
export type SiteSettings = z.infer<typeof SiteSettingsSchema>

const SITE_KEY = 'site'

export async function loadSiteSettings(db: Db | Tx): Promise<SiteSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SITE_KEY).executeTakeFirst()
  return SiteSettingsSchema.parse(row ? JSON.parse(row.value) : {})
}

export async function saveSiteSettings(db: Db | Tx, input: z.input<typeof SiteSettingsSchema>): Promise<SiteSettings> {
  const value = SiteSettingsSchema.parse(input)
  const json = JSON.stringify(value)
  await db
    .insertInto('settings')
    .values({ key: SITE_KEY, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute()
  return value
}
