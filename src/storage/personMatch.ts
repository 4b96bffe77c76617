/**
 * Finding one person in stored rows by exact identifiers, never by substring (erasure, retention
 * of their rows, their data export). `mette.jensen@k.dk` is not found in
 * `anne.mette.jensen@k.dk`, `ln@k.dk` not in `jln@k.dk`, a GUID not in a longer token.
 *
 * A value names an identifier when the identifier (case-insensitively) is
 * - the whole value, or one of its `|`-separated segments (the key scheme's separator), or
 * - one of its tokens: a maximal run of letters, digits, marks and `. _ % + - @` (the characters
 *   of e-mail addresses and GUIDs; a trailing `.` ends a sentence, not the token). So `29:<id>`,
 *   `p|<id>`, `"<id>"`, `mailto:<e-mail>` and "skriv til <e-mail>." name it; `x<id>`, `<id>-2`
 *   and `anne.<e-mail>` do not.
 * JSON in a string field is walked value by value (object keys too).
 *
 * Names never decide a match (two people may share one); in a row found by an identifier the
 * name is replaced where it stands as a whole word — and not where it is part of another known
 * person's longer name ("Mette Jensen" in "Anne Mette Jensen").
 */
const tokenRun = /[\p{L}\p{N}\p{M}._%+@-]+/gu;
const wordChar = /[\p{L}\p{N}\p{M}_%+@-]/u;

/** The lower-cased tokens a text offers for an exact match (see above). */
export function tokensOf(text: string): Set<string> {
  const lower = text.toLowerCase();
  const out = new Set<string>(lower.split('|'));
  for (const [run] of lower.matchAll(tokenRun)) out.add(run.replace(/\.+$/, ''));
  return out;
}

/** Whether `text[at]` continues a word or identifier (a `.` only when a word character follows it). */
function continues(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return wordChar.test(ch) || (ch === '.' && wordChar.test(text[at + 1] ?? ''));
}

/** Where `needle` occurs in `text` as a whole (case-insensitive): start offsets. */
export function wholeOccurrences(text: string, needle: string): number[] {
  if (needle.length === 0) return [];
  const hay = text.toLowerCase();
  const lowerNeedle = needle.toLowerCase();
  const out: number[] = [];
  for (let at = hay.indexOf(lowerNeedle); at >= 0; at = hay.indexOf(lowerNeedle, at + 1)) {
    if (!continues(text, at - 1) && !continues(text, at + needle.length)) out.push(at);
  }
  return out;
}

export interface PersonIdentifiers {
  /** Entra object id, e-mail, personal chat conversation ids (any case). */
  ids: readonly string[];
  /** Replaced in rows found by an identifier; never decides a match. */
  name?: string;
  /** What an identifier becomes where the row stays (the erasure's pseudonym). */
  pseudonym: string;
  /** Other people's names that contain `name` (they are left alone). */
  otherNames?: readonly string[];
}

export const erasedName = '(slettet)';
const minimumLength = 3;

export class PersonMatcher {
  private readonly ids: Set<string>;
  private readonly name?: string;
  private readonly protectedNames: string[];

  constructor(private readonly person: PersonIdentifiers) {
    this.ids = new Set(person.ids.map((id) => id.toLowerCase()).filter((id) => id.length >= minimumLength));
    if (person.name && person.name.length >= minimumLength) this.name = person.name;
    // Another person's name that contains theirs is left alone (only those can cover an occurrence
    // of it: the rest are dropped here, for speed); someone of the very same name cannot be told apart.
    const lowerName = person.name?.toLowerCase() ?? '';
    this.protectedNames = (person.otherNames ?? []).filter((n) => n.toLowerCase() !== lowerName && n.toLowerCase().includes(lowerName));
  }

  /** Whether a text names one of the person's identifiers exactly. */
  inText(text: string): boolean {
    for (const token of tokensOf(text)) if (this.ids.has(token)) return true;
    return false;
  }

  /** Whether a stored value (a string, JSON in a string, a number …) names them. */
  inValue(value: unknown): boolean {
    if (typeof value === 'string') {
      const json = parsedJson(value);
      return json === undefined ? this.inText(value) : this.inValue(json);
    }
    return Object.entries(value ?? {}).some(([k, v]) => this.inText(k) || this.inValue(v));
  }

  /** Whether the person's name stands in a text as a whole (not inside another person's name). */
  nameIn(text: string): boolean {
    return this.nameSpans(text).length > 0;
  }

  /** Whether a value holds their name (see nameIn), anywhere. */
  nameInValue(value: unknown): boolean {
    if (typeof value === 'string') return this.nameIn(value);
    return Object.entries(value ?? {}).some(([k, v]) => this.nameIn(k) || this.nameInValue(v));
  }

  /** The text with their identifiers replaced by the pseudonym and their name by "(slettet)". */
  redactText(text: string): string {
    const ids = text.split('|').map((segment) => (this.ids.has(segment.toLowerCase())
      ? this.person.pseudonym
      : segment.replace(tokenRun, (run) => {
        const core = run.replace(/\.+$/, '');
        return this.ids.has(core.toLowerCase()) ? `${this.person.pseudonym}${run.slice(core.length)}` : run;
      }))).join('|');
    let out = '';
    let from = 0;
    for (const at of this.nameSpans(ids)) {
      out += `${ids.slice(from, at)}${erasedName}`;
      from = at + this.name!.length;
    }
    return out + ids.slice(from);
  }

  /**
   * A stored value without them: removed from lists of ids, replaced elsewhere (JSON kept as JSON).
   * With `keepInLists` (the audit log) they stay in a list as the pseudonym: an entry says how
   * many people a read showed, and the pseudonym's own entries still name it.
   */
  redactValue(value: unknown, keepInLists = false): unknown {
    if (typeof value === 'string') {
      const json = parsedJson(value);
      return json === undefined ? this.redactText(value) : JSON.stringify(this.redactValue(json, keepInLists));
    }
    if (Array.isArray(value)) {
      const kept = keepInLists ? value : value.filter((v) => !(typeof v === 'string' && this.ids.has(v.toLowerCase())));
      return kept.map((v) => this.redactValue(v, keepInLists));
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redactText(k), this.redactValue(v, keepInLists)]));
    return value;
  }

  private nameSpans(text: string): number[] {
    if (!this.name) return [];
    const covered = this.protectedNames.flatMap((other) => wholeOccurrences(text, other).map((at) => [at, at + other.length] as const));
    return wholeOccurrences(text, this.name).filter((at) => !covered.some(([from, to]) => at >= from && at + this.name!.length <= to));
  }
}

/** The value of a string field that holds a JSON object or array; undefined for any other text. */
function parsedJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}
