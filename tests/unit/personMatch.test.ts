import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { PersonMatcher, tokensOf, wholeOccurrences } from '../../src/storage/personMatch';

const id = '0d1e2f30-0000-4000-8000-000000000001';
// Made anew for each test, so that a change to how a matcher is made is seen by every test.
let mette: PersonMatcher;
beforeEach(() => {
  mette = new PersonMatcher({ ids: [id, 'Mette.Jensen@k.dk', 'a:1AbC'], name: 'Mette Jensen', pseudonym: 'slettet-x', otherNames: ['Anne Mette Jensen', 'Lone Nielsen', 'Mette Jensen'] });
});

describe('finding a person by exact identifiers', () => {
  it.each([
    [id, true],
    [id.toUpperCase(), true],
    [`p|${id}`, true],
    [`i|nudge|2026|${id}|1`, true],
    [`29:${id}`, true],
    [`shared-preparation|${id}|2026:03`, true],
    ['mailto:mette.jensen@k.dk', true],
    ['Skriv til mette.jensen@k.dk.', true],
    ['Skriv til mette.jensen@k.dk...', true],
    ['(mette.jensen@k.dk)', true],
    ['a:1AbC', true],
    ['a:1abc|1700000000', true],
    ['anne.mette.jensen@k.dk', false],
    ['jmette.jensen@k.dk', false],
    ['mette.jensen@k.dk.eu', false],
    ['mette.jensen@k.dkx', false],
    [`${id}-2`, false],
    [`x${id}`, false],
    [`${id}0`, false],
    [`${id}@k.dk`, false],
    ['a:1AbCx', false],
    ['a:1AbC-2', false],
    ['Mette Jensen', false],
    ['', false],
  ])('when a value is %j, then it names her: %s', (value, expected) => {
    expect(mette.inText(value)).toBe(expected);
  });

  it('when an identifier is embedded in any longer token, then it is never found (property)', () => {
    const wordChars = fc.stringMatching(/^[a-z0-9._%+@-]{1,6}$/).filter((s) => !s.startsWith('.') || s.length > 1);
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{3,8}@[a-z]{1,5}\.dk$/), wordChars, fc.boolean(), (address, extra, before) => {
      const longer = before ? `${extra.replace(/\.+$/, '')}${address}` : `${address}${extra.replace(/^\.+$/, 'x').replace(/^\./, '.x')}`;
      fc.pre(longer !== address);
      const matcher = new PersonMatcher({ ids: [address], pseudonym: 'p' });
      expect(matcher.inText(`svar: ${longer} !`)).toBe(false);
      expect(matcher.inText(`svar: ${address} !`)).toBe(true);
    }));
  });

  it('when values hold JSON, then every value and key in it is looked at, and text that only looks like JSON is text', () => {
    expect(mette.inValue(JSON.stringify({ approvals: { leader: { personId: id } } }))).toBe(true);
    expect(mette.inValue(JSON.stringify([['x', 'MeTTe.jensen@K.dk']]))).toBe(true);
    expect(mette.inValue(JSON.stringify({ [id]: 1 }))).toBe(true);
    expect(mette.inValue(`[not json ${id}`)).toBe(true);
    expect(mette.inValue(JSON.stringify({ who: 'anne.mette.jensen@k.dk', n: 4 }))).toBe(false);
    expect(mette.inValue(7)).toBe(false);
    expect(mette.inValue(null)).toBe(false);
    expect(mette.inValue({ nested: [id] })).toBe(true);
    expect(mette.inValue({ a: 'x', b: [7, 'y', id], c: null })).toBe(true);
    expect(mette.inValue(` {"a": 1, "b": "${id}"}`)).toBe(true);
    expect(mette.inValue(true)).toBe(false);
    // Inside JSON a chat id is a whole value, though its ':' splits tokens in plain text.
    expect(mette.inValue(JSON.stringify({ conversation: { id: 'a:1AbC' } }))).toBe(true);
    // Text that is a JSON number is text: a numeric identifier in it is found.
    expect(new PersonMatcher({ ids: ['12345'], pseudonym: 'p' }).inValue('12345')).toBe(true);
    expect(mette.inValue(undefined)).toBe(false);
  });

  it('when identifiers are shorter than three characters, then they find nothing; three are enough', () => {
    const short = new PersonMatcher({ ids: ['ab', ' '], name: 'Bo', pseudonym: 'p' });
    expect(short.inText('ab')).toBe(false);
    expect(short.nameIn('Bo')).toBe(false);
    expect(short.redactText('ab Bo')).toBe('ab Bo');
    const three = new PersonMatcher({ ids: ['abc'], name: 'Ida', pseudonym: 'p' });
    expect(three.inText('x abc')).toBe(true);
    expect(three.redactText('Ida: abc')).toBe('(slettet): p');
    expect(new PersonMatcher({ ids: [], pseudonym: 'p' }).redactText('Ida')).toBe('Ida');
  });

  it('when an identifier holds characters no token has (a channel thread id), then only the whole value or a key segment names it', () => {
    const thread = new PersonMatcher({ ids: ['19:x@thread.tacv2;messageid=1'], pseudonym: 'p' });
    expect(thread.inText('19:x@thread.tacv2;messageid=1')).toBe(true);
    expect(thread.inText('claim|19:x@thread.tacv2;messageid=1')).toBe(true);
    expect(thread.inText('19:x@thread.tacv2;messageid=12')).toBe(false);
    expect(thread.redactText('claim|19:x@thread.tacv2;messageid=1')).toBe('claim|p');
  });

  it('tokens are the whole value, its |-segments and its runs of identifier characters, lower-cased', () => {
    expect([...tokensOf('A b|C:D e.f.. x')]).toEqual(['a b', 'c:d e.f.. x', 'a', 'b', 'c', 'd', 'e.f', 'x']);
    expect([...tokensOf('ab')]).toEqual(['ab']);
    expect([...tokensOf('!?')]).toEqual(['!?']);
  });
});

describe('names: whole words, and never inside another person\'s longer name', () => {
  it('finds a name only where it stands alone', () => {
    expect(wholeOccurrences('Mette Jensen, Anne-Mette Jensen og mette jensen.', 'Mette Jensen')).toEqual([0, 35]);
    expect(wholeOccurrences('xMette Jensen Mette Jensenx Mette Jensen.x', 'Mette Jensen')).toEqual([]);
    expect(wholeOccurrences('abc', '')).toEqual([]);
    expect(mette.nameIn('Aftalt med Mette Jensen')).toBe(true);
    expect(mette.nameIn('Aftalt med Anne Mette Jensen')).toBe(false);
    expect(mette.nameInValue({ card: ['Til Mette Jensen'] })).toBe(true);
    expect(mette.nameInValue({ 'Mette Jensen': 1 })).toBe(true);
    expect(mette.nameInValue({ card: ['Til Anne Mette Jensen'], n: 3 })).toBe(false);
    expect(mette.nameInValue(5)).toBe(false);
    expect(mette.nameInValue(null)).toBe(false);
    expect(mette.nameInValue({ a: 'x', b: ['y', { c: 'hej Mette Jensen' }] })).toBe(true);
    expect(mette.nameIn('Mette Jensen..')).toBe(true);
    expect(mette.nameIn('x.Mette Jensen')).toBe(false);
    expect(mette.nameIn('. Mette Jensen')).toBe(true);
  });

  it("when another person's name contains hers at its start or overlaps it, then only an occurrence wholly inside the other name is left", () => {
    const withOthers = new PersonMatcher({ ids: [id], name: 'Mette Jensen', pseudonym: 'p', otherNames: ['Mette Jensen Nielsen', 'Anne Mette'] });
    expect(withOthers.redactText('Mette Jensen Nielsen og Mette Jensen')).toBe('Mette Jensen Nielsen og (slettet)');
    expect(withOthers.redactText('Anne Mette Jensen')).toBe('Anne (slettet)');
    // Someone of the very same name cannot be told apart: the name goes.
    expect(mette.redactText('Mette Jensen')).toBe('(slettet)');
  });

  it('when a row is redacted, then her identifiers become the pseudonym and her name "(slettet)", and everyone else stays', () => {
    expect(mette.redactText(`Aftalt med Mette Jensen (${id}) og Anne Mette Jensen (anne.mette.jensen@k.dk), mette.jensen@k.dk.`))
      .toBe('Aftalt med (slettet) (slettet-x) og Anne Mette Jensen (anne.mette.jensen@k.dk), slettet-x.');
    expect(mette.redactText(`p|${id}`)).toBe('p|slettet-x');
    expect(mette.redactText(` ${id.toUpperCase()} `)).toBe(' slettet-x ');
    expect(mette.redactText('mette.jensen@k.dk..')).toBe('slettet-x..');
    expect(mette.redactText('a:1abc|17')).toBe('slettet-x|17');
    expect(mette.redactText('Lone Nielsen')).toBe('Lone Nielsen');
  });

  it('when a value is redacted, then she leaves id lists, JSON stays JSON with keys redacted, and other values are kept', () => {
    expect(mette.redactValue(JSON.stringify({ invited: [id, 'other'], by: { [id]: 'Mette Jensen' }, n: 2, ok: true }))).toBe(JSON.stringify({ invited: ['other'], by: { 'slettet-x': '(slettet)' }, n: 2, ok: true }));
    expect(mette.redactValue(['x', id.toUpperCase(), 3, ` ${id} `])).toEqual(['x', 3, ' slettet-x ']);
    expect(mette.redactValue(4)).toBe(4);
    expect(mette.redactValue('[not json Mette Jensen')).toBe('[not json (slettet)');
    expect(mette.redactValue('null')).toBe('null');
    expect(mette.redactValue(` {"a": 1, "b": "${id}"}`)).toBe('{"a":1,"b":"slettet-x"}');
    expect(mette.redactValue(` ["${id}", "x"]`)).toBe('["x"]');
    expect(mette.redactValue(null)).toBe(null);
  });
});
