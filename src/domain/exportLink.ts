import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Download links for exports: a short-lived token, signed with HMAC-SHA256, that says who asked
 * for which export. Nothing is stored: the file is made when the link is opened, after checking
 * again that the person may still see it — so a link is only as good as its owner's access.
 * Only opaque ids are in it (no names, no figures).
 */
export const exportKinds = ['department-gaps', 'municipality', 'department-plans', 'my-data'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportLinkSchema = z.object({
  v: z.literal(1),
  kind: z.enum(exportKinds),
  format: z.enum(exportFormats),
  /** Who asked (Entra object id): the file is made for them, with their access. */
  personId: z.string().min(1).max(100),
  /** A department id, or '' (municipality, my data). */
  subject: z.string().max(64),
  cycle: z.string().regex(/^\d{4}$/),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
}).strict();
export type ExportLink = z.infer<typeof exportLinkSchema>;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const signatureOf = (body: string, key: string) => createHmac('sha256', key).update(body).digest();

export function signExportLink(link: ExportLink, key: string): string {
  const body = base64url(JSON.stringify(exportLinkSchema.parse(link)));
  return `${body}.${base64url(signatureOf(body, key))}`;
}

export type ExportLinkCheck = { ok: true; link: ExportLink } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Checks the signature (in constant time) before reading anything, then the expiry. */
export function verifyExportLink(token: string, key: string, now: Date): ExportLinkCheck {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, body, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(body, key);
  // 43 base64url characters are 32 bytes, as long as an HMAC-SHA256; only the one canonical
  // spelling of a signature counts (base64's spare bits must not vary).
  if (given.toString('base64url') !== signature || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const link = exportLinkSchema.safeParse(parsed);
  if (!link.success) return { ok: false, reason: 'malformed' };
  if (link.data.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, link: link.data };
}

/** A cell of an export: text, a number, or a calendar day (YYYY-MM-DD). */
export type Cell = string | number | { date: string };

/** A table of an export, as plain data: the file writers turn it into CSV or an Excel sheet. */
export interface Sheet {
  /** The sheet's name (Excel allows 31 characters). */
  name: string;
  columns: string[];
  rows: Cell[][];
}
