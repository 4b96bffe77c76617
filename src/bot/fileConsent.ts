import type { Attachment } from 'botbuilder';
import type { ExportFile } from '../services/exports';

/**
 * Files in a personal chat, the Teams way: a file consent card asks the person; when they accept,
 * Teams sends an upload URL in their OneDrive ("Microsoft Teams Chat Files"); the bot puts the
 * file there and shows a file card. Nothing is kept by the bot.
 */
export function fileConsentCard(file: ExportFile, description: string, context: Record<string, string>): Attachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: file.fileName,
    content: { description, sizeInBytes: file.body.length, acceptContext: context, declineContext: context },
  };
}

export function fileInfoCard(upload: { name: string; contentUrl: string; uniqueId: string; fileType: string }): Attachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
  };
}

/** Where the bot may upload: https only (Teams' upload URLs are OneDrive's); plain http only locally. */
export function uploadTargetAllowed(url: string, allowPlainHttp: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' || (allowPlainHttp && parsed.protocol === 'http:');
}

/**
 * One PUT of the whole file (Teams' upload sessions take files this size in one range). A redirect
 * is never followed: the file goes to the URL Teams gave and its scheme was checked, not to
 * wherever that server points next (e.g. plain http).
 */
export async function uploadToOneDrive(url: string, body: Buffer, options: { allowPlainHttp: boolean; timeoutMs?: number }): Promise<void> {
  if (!uploadTargetAllowed(url, options.allowPlainHttp)) throw new Error('refused upload URL: not https');
  const response = await fetch(url, {
    method: 'PUT',
    redirect: 'manual',
    headers: { 'content-length': String(body.length), 'content-range': `bytes 0-${body.length - 1}/${body.length}` },
    // A Blob: a Buffer body can make fetch fail on a redirect before the redirect rule is even asked.
    body: new Blob([body]),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) throw new Error(`upload answered ${response.status}${response.status >= 300 && response.status < 400 ? ' (a redirect: not followed)' : ''}`);
}
