import * as AC from 'adaptivecards';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { cardSamples } from '../../cards/samples';
import { cardNames, renderCard } from '../../src/bot/cards';
import { escapeMarkdown } from '../../src/bot/plainText';

// Every card template, filled with what people type (markdown, links, addresses, lists,
// headings, HTML, date functions), rendered the way an Adaptive Card host renders markdown — the
// official adaptivecards package's markdown hook with markdown-it, its autolinker at its most
// eager — shows the typed text as it was typed, and no link, emphasis, list or heading.

const markdown = new MarkdownIt({ html: true, linkify: true });
markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

/** The HTML a host makes of one TextBlock's or Fact's text. */
const rendered = (text: string) => AC.AdaptiveCard.applyMarkdown(text).outputHtml as string;

/** What a reader sees of that HTML: its text, entities decoded, look-alikes read as what they look like, whitespace collapsed. */
const seen = (html: string) => html
  .replace(/<[^>]*>/g, ' ')
  .replace(/\u2024/g, '.').replace(/\ua789/g, ':').replace(/\u2215/g, '/')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  .replace(/\u2060/g, '')
  .replace(/\s+/g, ' ')
  .trim();
const collapsed = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Emphasis only a template may bring (bold labels); a typed line break stays a line break; anything else is refused outright. */
const tagsOf = (html: string) => (html.match(/<(strong|em)\b/g) ?? []).length;
const forbidden = /<(a|img|h[1-6]|ul|ol|li|blockquote|code|pre|table|hr|s|del|b|i|u|script|p>\s*<p)\b/;

/** Every text a host renders as markdown: TextBlock texts and Fact titles and values (fallbacks too). */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (Array.isArray(o.facts)) for (const f of o.facts as Array<Record<string, unknown>>) out.push(String(f.title ?? ''), String(f.value ?? ''));
    Object.values(o).forEach((v) => markdownTexts(v, out));
  }
  return out;
}

/** Fields that steer a template (an input's kind, a colour): not text anyone types. */
const steering = new Set(['kind', 'noticeStyle', 'statusColor', 'noticeColor', 'style']);

/** The sample with every text field replaced by `text`. */
function filled<T>(sample: T, text: string): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return v === '' || (key && steering.has(key)) ? v : text;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(sample) as T;
}

const attacks = [
  '[Log ind for at se resultatet](https://evil.example/login)', '**fed**', '__fed__', '*kursiv*', '_kursiv_', '# Overskrift', '### Overskrift',
  '1. punkt', '2) punkt', '- punkt', '+ punkt', '* punkt', '> citat', '`kode`', '```', '~~væk~~', '<https://evil.example>', '<mette@evil.dk>',
  'https://evil.example/x?d=1', 'http://localhost:8080', '//evil.example/x', 'www.evil.dk', 'evil.com', 'kl.dk/login', 'mette@evil.dk', 'mailto:x@evil.dk',
  '[x]: https://evil.example', '[x]', '[x][y]', '![billede](https://evil.example/a.png)', '{{DATE(2017-02-14T06:00:00Z, SHORT)}}', '{{TIME(2017-02-14T06:00:00Z)}}',
  '&lt;b&gt;', '&amp;', '&#91;', '<b>fed</b>', '<script>x</script>', '| a | b |', '|---|---|', '===', '---', '***', '    indrykket kode', '\t tab',
  '\\*', '\\', 'a  ', 'Æblegrød & ønsker', '1.5', 'f.eks.', 'kl. 10:30', '12. punkt', '123456789) punkt', '10.0.0.1', '127.0.0.1:8080/x',
];
const payload = fc
  .array(fc.oneof(fc.constantFrom(...attacks), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 5 })
  .chain((parts) => fc.array(fc.constantFrom(' ', '\n', '\r\n', '', '\n\n', '  \n'), { minLength: parts.length, maxLength: parts.length })
    .map((seps) => parts.map((p, i) => `${p}${seps[i]}`).join('')))
  .filter((text) => text.trim() !== '');

const marker = 'Qzmarkerq';

describe('plain text across people', () => {
  it('when any card template is filled with typed markdown, links and addresses, then the host shows exactly the typed text and no link, emphasis, list or heading', () => {
    fc.assert(fc.property(fc.constantFrom(...cardNames), fc.constantFrom('da', 'en') as fc.Arbitrary<'da' | 'en'>, payload, (name, locale, text) => {
      for (const sample of cardSamples[name]) {
        const baseline = markdownTexts(renderCard(name, filled(sample, marker) as never, locale)).map(rendered);
        const attacked = markdownTexts(renderCard(name, filled(sample, text) as never, locale)).map(rendered);
        expect(attacked.length, name).toBe(baseline.length);
        attacked.forEach((html, i) => {
          expect(html, `${name}: ${JSON.stringify(text)}`).not.toMatch(forbidden);
          expect(tagsOf(html), `${name}: ${JSON.stringify(text)} → ${html}`).toBe(tagsOf(baseline[i]!));
          // What the reader sees is the template's text with the typed text exactly where the data goes.
          expect(seen(html), name).toBe(collapsed(seen(baseline[i]!).split(marker).join(collapsed(text))));
        });
      }
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 300) });
  }, 600_000);

  it('when a person types an address, then it reads the same but is no link, and their words are otherwise untouched', () => {
    expect(seen(rendered(escapeMarkdown('Se https://evil.example/login eller skriv til mette@evil.dk.')))).toBe('Se https://evil.example/login eller skriv til mette@evil.dk.');
    expect(rendered(escapeMarkdown('Se https://evil.example/login'))).not.toMatch(/<a\b/);
    expect(escapeMarkdown('Et godt år, med nye kolleger (og kurser)!')).toBe('Et godt år, med nye kolleger (og kurser)!');
    expect(escapeMarkdown('- a\n  b\r\n\n1. c')).toBe('\\- a  \n\u00a0\u00a0b  \n\u00a0  \n1\\. c');
  });

  it('escapes exactly what can take effect, and leaves the rest of the words as typed', () => {
    // Link syntax: escaped, and a word joiner after ] for renderers that ignore backslashes; the address defanged.
    expect(escapeMarkdown('[Klik](https://evil.example/a)')).toBe('\\[Klik\\]\u2060(https\ua789/\u2215evil\u2024example/a)');
    // Adaptive Cards' date functions: a word joiner between the braces.
    expect(escapeMarkdown('{{DATE(2017-02-14T06:00:00Z)}}')).toBe('{\u2060{DATE(2017-02-14T06\ua78900\ua78900Z)}}');
    // Line starts: list and heading markers escaped only there, indentation as no-break spaces.
    expect(escapeMarkdown('a - b + c = d 12. e\n  12. x\n\t- y\n123456789) z\n1234567890. w'))
      .toBe('a - b + c = d 12. e  \n\u00a0\u00a012\\. x  \n\u00a0\\- y  \n123456789\\) z  \n1234567890. w');
    // A sentence's full stop and a number are words, not addresses; an IP address is one.
    expect(escapeMarkdown('(se side 4.) Kl. 10 og 1,5 timer, ok.')).toBe('(se side 4.) Kl. 10 og 1,5 timer, ok.');
    expect(escapeMarkdown('10.0.0.1 og x@y')).toBe('10\u20240\u20240\u20241 og x@y');
    // Numbers as written stay as they are (a screen reader reads a look-alike dot otherwise).
    expect(escapeMarkdown('Højst 2.000 tegn, kl. 07.00, 3.4 og 1.234.567 (23:59).')).toBe('Højst 2.000 tegn, kl. 07.00, 3.4 og 1.234.567 (23:59).');
    expect(escapeMarkdown('a  b')).toBe('a  b');
  });
});
