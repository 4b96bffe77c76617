import { isIP } from 'node:net';

/**
 * Local mode stays on the laptop. `APP_ENV=local` accepts anonymous traffic (anyone who can reach
 * the bot can claim to be anyone), so it only starts listening on loopback with its storage on
 * loopback (Azurite), and it only answers activities whose service URL is on loopback (the
 * Playground's): a reply never goes where an activity merely says. One explicit override,
 * `LOCAL_ALLOW_NETWORK=true`, lifts all three; the bot then warns at every start.
 */
export const localOverrideVariable = 'LOCAL_ALLOW_NETWORK';

/** 127.0.0.0/8, ::1 (also written out, and IPv4-mapped) and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  const bare = lower.startsWith('[') ? lower.slice(1, -1) : lower;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.split('.')[0] === '127';
  // IPv4-mapped, as written or as URL parsing writes it (::ffff:7f00:1 is 127.0.0.1).
  const mapped = /^::ffff:(?:(\d+)\.\d+\.\d+\.\d+|([0-9a-f]{1,4}):[0-9a-f]{1,4})$/.exec(bare);
  if (mapped) return mapped[1] !== undefined ? mapped[1] === '127' : parseInt(mapped[2]!, 16) >> 8 === 127;
  return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(bare);
}

/** Whether a URL points at this machine (any scheme; unparsable is not). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The host a Table Storage connection string or account URL reaches. */
export type StorageSetting = { connectionString: string } | { accountUrl: string };

export function storageHostOf(storage: StorageSetting): string {
  if ('accountUrl' in storage) return safeHost(storage.accountUrl);
  const parts = new Map(storage.connectionString.split(';').map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
  }));
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return '127.0.0.1';
  const endpoint = parts.get('tableendpoint');
  if (endpoint) return safeHost(endpoint);
  // An account name without a table endpoint reaches the cloud: <account>.table.<suffix>.
  return `${parts.get('accountname')}.table.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export interface LocalSettings {
  host: string;
  storage?: StorageSetting;
}

/** Why local mode may not start like this (empty: it may). */
export function localModeProblems(settings: LocalSettings): Array<{ variable: string; message: string }> {
  const problems: Array<{ variable: string; message: string }> = [];
  const override = `(or set ${localOverrideVariable}=true to run local mode reachable from the network, anonymous as it is)`;
  if (!isLoopbackHost(settings.host)) {
    problems.push({ variable: 'HOST', message: `must be a loopback address (127.0.0.1, ::1, localhost) when APP_ENV=local: local mode accepts anonymous traffic ${override}` });
  }
  if (settings.storage && !isLoopbackHost(storageHostOf(settings.storage))) {
    const variable = 'accountUrl' in settings.storage ? 'STORAGE_ACCOUNT_URL' : 'STORAGE_CONNECTION_STRING';
    problems.push({ variable, message: `must be Azurite or another loopback address when APP_ENV=local: local mode would let anyone act on that storage ${override}` });
  }
  return problems;
}
