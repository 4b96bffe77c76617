/**
 * Table Storage forbids `/ \ # ?` and control characters in PartitionKey and RowKey, and teams-ai
 * style keys (and user input) contain them. Keys are escaped as `%XX` (with `%` itself escaped so
 * that decoding is exact). Keys are at most 1 KiB.
 */
const needsEscape = /[\/\\#?%\u0000-\u001f\u007f-\u009f]/g;
const maxKeyLength = 1024;

export class InvalidKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyError';
  }
}

export function encodeKey(value: string): string {
  const encoded = value.replace(needsEscape, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (Buffer.byteLength(encoded, 'utf8') > maxKeyLength) {
    throw new InvalidKeyError(`Table key longer than ${maxKeyLength} bytes once escaped`);
  }
  return encoded;
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An OData string literal for a filter: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
