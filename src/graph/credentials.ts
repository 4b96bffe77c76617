import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from '../config';

/**
 * A token for Microsoft Graph from the app's identity: a client secret, a (user-assigned) managed
 * identity, or — in local mode only, for a stand-in Graph — a fixed token. @azure/identity caches
 * the token and renews it before it expires. The scope is `<Graph origin>/.default`: the
 * application permissions an admin granted (README, "Microsoft Graph").
 */
export function graphTokenProvider(config: GraphConfig): () => Promise<string> {
  const credential = config.credential;
  if (credential.kind === 'token') return async () => credential.token;
  const scope = `${new URL(config.baseUrl).origin}/.default`;
  const identity: TokenCredential = credential.kind === 'client-secret'
    ? new ClientSecretCredential(credential.tenantId, credential.clientId, credential.clientSecret)
    : new ManagedIdentityCredential(credential.clientId ? { clientId: credential.clientId } : {});
  return async () => {
    const token = await identity.getToken(scope);
    if (!token) throw new Error('Microsoft Graph: the identity gave no token');
    return token.token;
  };
}
