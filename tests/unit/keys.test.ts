import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, InvalidKeyError } from '../../src/storage/keys';

describe('table keys', () => {
  it('when any text is encoded, then the key has no character Table Storage forbids and decodes back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const key = encodeKey(text);
        expect(key).not.toMatch(/[\/\\#?\u0000-\u001f\u007f-\u009f]/);
        expect(decodeKey(key)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('when a key is too long once escaped, then it is refused with a clear error', () => {
    expect(() => encodeKey('/'.repeat(400))).toThrow(InvalidKeyError);
  });
});
