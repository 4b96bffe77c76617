/**
 * Text people typed (answers, plan goals, GRUS texts, names from the import …) shown on a card
 * as plain text: Adaptive Card markdown — and Teams' own link detection — cannot take effect.
 * Applied once, where card data meets the template (src/bot/cards.ts): every data value that a
 * template puts in a TextBlock or a Fact (the places Teams renders markdown) goes through
 * `escapeMarkdown`; the templates and our fixed texts (`${t.…}`) carry the formatting.
 *
 * What "plain" means:
 * - Line breaks stay line breaks, within the one paragraph the template put the value in.
 * - CommonMark's syntax characters are backslash-escaped: `\ * _ \` ~ [ ] < > # | &` everywhere,
 *   `- + =` and "1." / "1)" at the start of a line (lists, setext headings); indentation becomes
 *   no-break spaces (no code blocks). So no emphasis, list, heading, quote, table, code or link.
 * - After `]` and between `{{` a word joiner (U+2060, invisible) keeps renderers that do not
 *   honour backslashes (Teams' mobile clients) from seeing a link or a DATE()/TIME() function.
 * - Addresses are shown but are never links, not even by an autolinker: in a word that looks like
 *   an address (`://`, `@`, a dot or a colon between letters or digits) each `.` and `:` and the
 *   second `/` of `//` become look-alikes (`․` U+2024, `꞉` U+A789, `∕` U+2215), so
 *   "https://evil.example/login" reads the same but no scheme, host or e-mail address is left to
 *   detect — and copying it gives a dead address. Numbers as written ("2.000", "3.4", "07.00")
 *   are left as they are: a screen reader reads a look-alike dot as something else.
 */
const joiner = '\u2060';
const everywhere = /[\\`*_~[\]<>#|&]/g;
const lineStart = /^([ \t]*)([-+=]|\d{1,9}[.)])/;
const addressLike = /:\/\/|@|[\p{L}\p{N}][.:][\p{L}\p{N}]/u;

/** Look-alikes with no meaning to a linkifier: one dot leader, modifier letter colon, division slash. */
const lookAlike: Record<string, string> = { '.': '\u2024', ':': '\ua789', '/': '\u2215' };

/** A number as written ("2.000", "3,4", "07.00", "1.234.567", "23:59"): never an address (an IPv4 address has three separators). */
const numberLike = /^\p{P}*\d+(?:[.,:]\d+){0,2}\p{P}*$/u;

function defang(word: string): string {
  return addressLike.test(word) && !numberLike.test(word) ? word.replace(/[.:]|(?<=\/)\//g, (ch) => lookAlike[ch]!) : word;
}

function escapeLine(line: string): string {
  return line.replace(/\S+/g, defang).replace(everywhere, '\\$&')
    .replace(lineStart, (_, indent: string, marker: string) => `${indent}${marker.slice(0, -1)}\\${marker.slice(-1)}`)
    .replace(/\]/g, `]${joiner}`)
    .replace(/\{(?=\{)/g, `{${joiner}`)
    .replace(/^[ \t]+/, (indent) => '\u00a0'.repeat(indent.length));
}

/**
 * A person's text, safe to put where a card renders markdown (see above). Each line break stays a
 * line break (markdown's hard break; an empty line keeps a no-break space), never a new paragraph,
 * and leading and trailing whitespace goes: either would keep a template's own **bold** around
 * the value from closing.
 */
export function escapeMarkdown(text: string): string {
  return text.trim().split(/\r\n|\r|\n/).map((line) => escapeLine(line) || '\u00a0').join('  \n');
}
