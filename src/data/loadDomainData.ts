import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  domainDataFiles,
  validateDomainData,
  type DomainData,
  type DomainDataInput,
  type DomainDataPart,
} from '../domain/catalogue';
import { defaultDataDir } from '../paths';

/**
 * The domain data could not be used. `problems` holds one readable line per problem, each
 * starting with the file name; the message lists them all, one per line.
 */
export class DomainDataError extends Error {
  override readonly name = 'DomainDataError';

  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(
      `The domain data in ${dir} cannot be used (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `- ${problem}`).join('\n'),
    );
  }
}

/**
 * Reads and validates the competence model, activity catalogue, årshjul and question bank from
 * `dir` (by default the shipped `data/`; a municipality points DATA_DIR at its own copy to replace
 * them without a rebuild). Throws a DomainDataError listing every problem found.
 */
export async function loadDomainData(dir: string = defaultDataDir): Promise<DomainData> {
  const parts = Object.keys(domainDataFiles) as DomainDataPart[];
  const results = await Promise.all(parts.map((part) => readJsonFile(dir, domainDataFiles[part])));

  const problems = results.flatMap((result) => (result.ok ? [] : [result.problem]));
  // A file that cannot be read or parsed is reported on its own: its contents cannot be checked.
  if (problems.length > 0) throw new DomainDataError(dir, problems);

  const raw = Object.fromEntries(parts.map((part, index) => [part, (results[index] as { value: unknown }).value]));
  const validation = validateDomainData(raw as DomainDataInput);
  if (!validation.ok) throw new DomainDataError(dir, validation.problems);
  return validation.data;
}

type ReadResult = { ok: true; value: unknown } | { ok: false; problem: string };

async function readJsonFile(dir: string, fileName: string): Promise<ReadResult> {
  const filePath = path.join(dir, fileName);
  let content: string;
  try {
    content = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return {
        ok: false,
        problem: `${fileName}: file not found (looked for ${filePath}; the data directory must hold all four files)`,
      };
    return { ok: false, problem: `${fileName}: cannot be read (${code ?? (error as Error).message}) at ${filePath}` };
  }
  // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse rejects.
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  try {
    return { ok: true, value: JSON.parse(content) as unknown };
  } catch (error) {
    return { ok: false, problem: `${fileName}: is not valid JSON: ${describeJsonError(content, error as Error)}` };
  }
}

/** V8's message without its own position details, plus line and column of the error. */
function describeJsonError(content: string, error: Error): string {
  const reported = /at position (\d+)/.exec(error.message);
  const offset = reported ? Number(reported[1]) : jsonErrorOffset(content);
  const reason = error.message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/, \S*".*" is not valid JSON$/s, '');
  if (offset === undefined) return reason;
  const { line, column } = lineAndColumn(content, offset);
  const lineText = (content.split(/\r?\n/)[line - 1] ?? '').trim();
  const near = lineText === '' ? '' : ` near ${JSON.stringify(lineText.length > 60 ? `${lineText.slice(0, 57)}...` : lineText)}`;
  return `${reason} at line ${line}, column ${column} (position ${offset})${near}`;
}

function lineAndColumn(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

/**
 * Where JSON.parse stops, for the messages in which V8 gives no position ("Unexpected token 'x',
 * "…" is not valid JSON", "Unexpected end of JSON input"). A small JSON grammar walk.
 */
function jsonErrorOffset(content: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxStop(i);
  };
  const skipWhitespace = () => {
    while (i < content.length && ' \t\n\r'.includes(content[i] as string)) i++;
  };
  const expect = (char: string) => {
    if (content[i] !== char) fail();
    i++;
  };
  const parseString = () => {
    expect('"');
    for (;;) {
      if (i >= content.length) fail();
      const char = content[i] as string;
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        i++;
        const escape = content[i];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else if (escape === 'u') {
          i++;
          for (let digit = 0; digit < 4; digit++) {
            if (!/[0-9a-fA-F]/.test(content[i] ?? '')) fail();
            i++;
          }
        } else fail();
        continue;
      }
      if (char.charCodeAt(0) < 0x20) fail();
      i++;
    }
  };
  const parseValue = (): void => {
    skipWhitespace();
    const char = content[i];
    if (char === '{') {
      i++;
      skipWhitespace();
      if (content[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipWhitespace();
        parseString();
        skipWhitespace();
        expect(':');
        parseValue();
        skipWhitespace();
        if (content[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (char === '[') {
      i++;
      skipWhitespace();
      if (content[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        parseValue();
        skipWhitespace();
        if (content[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (char === '"') return parseString();
    for (const literal of ['true', 'false', 'null']) {
      if (char !== literal[0]) continue;
      // Stop where the literal goes wrong ("tru]" stops at "]"), as JSON.parse does.
      for (const expected of literal) expect(expected);
      return;
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(content)) {
      i = number.lastIndex;
      return;
    }
    fail();
  };
  try {
    parseValue();
    skipWhitespace();
    if (i < content.length) fail();
    return undefined;
  } catch (stop) {
    if (stop instanceof JsonSyntaxStop) return stop.offset;
    throw stop;
  }
}

class JsonSyntaxStop {
  constructor(readonly offset: number) {}
}
