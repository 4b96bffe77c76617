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

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** A calendar date (YYYY-MM-DD, or an ISO instant's date part) as people read it: "1. mar. 2027". */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormats[locale].format(date);
}
