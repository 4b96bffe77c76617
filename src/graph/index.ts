import type { GraphConfig } from '../config';
import { type Clock, systemClock } from '../messaging/clock';
import { padded, TenantLimiter, tenantWindows } from '../messaging/dispatcher';
import { graphTokenProvider } from './credentials';
import { GraphClient } from './graphClient';

/**
 * The Graph client of this instance: the configured identity's token, and this instance's share of
 * the app's Graph requests per second (Teams' installedApps allow 30 per app per tenant; the
 * default share keeps well below).
 */
export function createGraphClient(config: GraphConfig, options: { clock?: Clock; getToken?: () => Promise<string> } = {}): GraphClient {
  const clock = options.clock ?? systemClock;
  const limiter = new TenantLimiter(padded(tenantWindows(config.requestsPerSecond, 1)), clock);
  return new GraphClient({
    baseUrl: config.baseUrl,
    getToken: options.getToken ?? graphTokenProvider(config),
    clock,
    limiter: { acquire: () => limiter.acquire('graph') },
  });
}
