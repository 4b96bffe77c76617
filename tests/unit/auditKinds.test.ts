import { describe, expect, it } from 'vitest';
import { auditKindTitles, auditLine } from '../../src/domain/texts';
import { auditKinds } from '../../src/storage/auditRepository';

describe('kinds of read in the audit log', () => {
  it('when HR filters the log, then every kind of read the log records has a title in both languages, and a line that names it', () => {
    for (const kind of auditKinds) {
      expect(auditKindTitles[kind], kind).toMatchObject({ da: expect.any(String), en: expect.any(String) });
      const line = auditLine('Lars Nielsen', ['Mette Jensen'], 1, kind, '');
      // A kind without words of its own would be shown as its id ("…: area-figures").
      for (const text of [line.da, line.en]) expect(text.endsWith(`: ${kind}`), `${kind}: ${text}`).toBe(false);
    }
  });
});
