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
