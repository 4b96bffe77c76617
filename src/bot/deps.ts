import type { AppConfig } from '../config';
import type { DomainData } from '../domain/catalogue';
import type { Logger } from '../logger';
import type { Repositories } from '../storage';

/** What the routes need, built once by the composition root. */
export interface BotDeps {
  config: AppConfig;
  repos: Repositories;
  domainData: DomainData;
  logger: Logger;
  /** Runs the schedule at once, in the background (after a route put work on it that is due now). */
  runJobsSoon?: () => void;
}
