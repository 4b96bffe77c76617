import { describe, expect, it } from 'vitest';
import { commandsFor, matchCommand } from '../../src/domain/commands';
import { localeFromTeams, resolveLocale } from '../../src/domain/i18n';
import { texts } from '../../src/domain/texts';

describe('language', () => {
  it('when Teams runs in any English locale, then the bot speaks English; otherwise Danish', () => {
    expect(localeFromTeams('en-US')).toBe('en');
    expect(localeFromTeams('en-GB')).toBe('en');
    expect(localeFromTeams('da-DK')).toBe('da');
    expect(localeFromTeams('de-DE')).toBe('da');
    expect(localeFromTeams(undefined)).toBe('da');
  });

  it("when a person chose a language, then it wins over HR's setting and over Teams' locale", () => {
    expect(resolveLocale({ choice: 'en', hr: 'da', teamsLocale: 'da-DK' })).toBe('en');
    expect(resolveLocale({ hr: 'da', teamsLocale: 'en-US' })).toBe('da');
    expect(resolveLocale({ teamsLocale: 'en-US' })).toBe('en');
  });

  it('when any fixed text is shown, then it exists in both Danish and English', () => {
    for (const [key, text] of Object.entries(texts)) {
      expect(text.da.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
    }
  });

  it('when a person types a command in either language, any case, with extra spaces, then it is recognised', () => {
    expect(matchCommand('  HJÆLP ')?.id).toBe('help');
    expect(matchCommand('Help')?.id).toBe('help');
    expect(matchCommand('hjælp mig med noget')).toBeUndefined();
  });

  it('when the help is shown in a channel, then personal-only commands are left out', () => {
    const inChannel = commandsFor(['employee'], 'team', 'da').map((c) => c.title);
    expect(inChannel).toContain('hjælp');
    expect(inChannel).not.toContain('english');
  });
});
