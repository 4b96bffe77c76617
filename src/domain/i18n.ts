import { z } from 'zod';

/** The languages the bot speaks. Danish is the default; English for users whose Teams runs in English. */
export const locales = ['da', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'da';

/** A text in every language the bot speaks. */
export const localizedTextSchema = z
  .object({
    da: z.string().trim().min(1),
    en: z.string().trim().min(1),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * Picks the bot's language from a Teams locale such as "en-US", "da-DK" or "en-GB".
 * English for any English locale, Danish for everything else (the municipality's language).
 */
export function localeFromTeams(teamsLocale: string | undefined | null): Locale {
  if (!teamsLocale) return defaultLocale;
  return /^en\b/i.test(teamsLocale.trim()) ? 'en' : defaultLocale;
}

export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/**
 * The language to answer in: the person's own choice first, then what HR set for them, then the
 * Teams client's locale (English for an English Teams), and Danish when nothing is known.
 */
export function resolveLocale(sources: { choice?: Locale | undefined; hr?: Locale | undefined; teamsLocale?: string | undefined }): Locale {
  return sources.choice ?? sources.hr ?? localeFromTeams(sources.teamsLocale);
}

const dateFormat = (locale: Locale, month: 'short' | 'long') =>
  new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' });
const dateFormats = {
  short: { da: dateFormat('da', 'short'), en: dateFormat('en', 'short') },
  long: { da: dateFormat('da', 'long'), en: dateFormat('en', 'long') },
} as const;

/**
 * A calendar date (YYYY-MM-DD, or an ISO instant's date part) as people read it: "1. mar. 2027"
 * on dense cards, "1. marts 2027" in sentences.
 */
export function formatDate(isoDate: string, locale: Locale, month: 'short' | 'long' = 'short'): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormats[month][locale].format(date);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment (an ISO instant) as people read it, in a time zone: "3. marts 2026 kl. 07.00" / "3 March 2026 at 07:00". */
export function formatMoment(iso: string, locale: Locale, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const key = `${locale}|${timeZone}`;
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
    momentFormats.set(key, format);
  }
  return format.format(at);
}
