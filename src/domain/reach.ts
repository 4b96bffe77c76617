/**
 * Why a person cannot be reached in Teams, as one code the leader's and HR's counts put into
 * words (src/domain/reachTexts.ts), and how a failed proactive install maps to it. Pure.
 *
 * Graph's answers when installing the app for a user (POST /users/{id}/teamwork/installedApps):
 * 201 installed, 409 already installed (both fine); 403 "App is blocked by app permission
 * policy" (the tenant's Teams app policy), 403 "Failed to get license information … valid
 * Office365 license" (no Teams licence), 404 "User … not found" (no Teams account), 403 about
 * missing permissions (the admin has not granted the Graph permission); 429 and 5xx are retried.
 */
export const unreachableReasons = [
  /** No conversation with the bot, and proactive installs are off. */
  'not-installed',
  'blocked-by-policy',
  'no-licence',
  /** The account is disabled in Entra ID, or the person has left (inactive). */
  'user-disabled',
  /** Graph knows no Teams user with that id. */
  'not-in-teams',
  /** The app lacks the Graph permission to install itself: for IT, not for the person. */
  'graph-permission',
  'install-failed',
  /** The person blocked or removed the bot (the Bot Connector's 403). */
  'blocked',
  /** Teams kept failing until the outbox gave up. */
  'exhausted',
  'rejected',
] as const;
export type UnreachableReason = (typeof unreachableReasons)[number];

/** A failed install: retry later (throttled, a fault), or give up for the person with a reason. */
export type InstallVerdict = { kind: 'retry' } | { kind: 'failed'; reason: UnreachableReason };

export function installVerdictOf(error: { status?: number | undefined; code?: string | undefined; innerCode?: string | undefined; message: string }): InstallVerdict {
  const { status, message } = error;
  if (status === undefined || status === 429 || status === 408 || status >= 500) return { kind: 'retry' };
  if (/app permission policy|blocked by .*polic/i.test(message)) return { kind: 'failed', reason: 'blocked-by-policy' };
  if (/licen[cs]e/i.test(message)) return { kind: 'failed', reason: 'no-licence' };
  if (/disabled|blocked.*sign.?in|account.*inactive/i.test(message)) return { kind: 'failed', reason: 'user-disabled' };
  if (status === 401 || (status === 403 && /privilege|permission|authorization_requestdenied|not allowed to manage|role/i.test(`${error.code ?? ''} ${error.innerCode ?? ''} ${message}`))) {
    return { kind: 'failed', reason: 'graph-permission' };
  }
  if (status === 404) return { kind: 'failed', reason: 'not-in-teams' };
  return { kind: 'failed', reason: 'install-failed' };
}

/**
 * How long a failed install is believed before it is tried again: a person's licence or the
 * tenant's app policy can be fixed by IT, a missing Graph permission sooner.
 */
export function retryInstallAfterMs(reason: UnreachableReason): number {
  return reason === 'graph-permission' ? 3_600_000 : 24 * 3_600_000;
}
