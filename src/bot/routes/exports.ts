import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { type ExportKind, exportKinds } from '../../domain/exportLink';
import { exportButton, exportNote, gapsTitle, municipalityTitle, say } from '../../domain/texts';
import { assertMayExport, exportUrl, formatsOf } from '../../services/exports';
import type { Member } from '../../services/identity';
import { currentCycle } from '../../services/preparation';
import { renderCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { verbs } from '../verbs';

const requestSchema = z.object({ kind: z.enum(exportKinds), subjectId: z.string().max(64).default('') });

/**
 * Exports as files: the bot answers with signed, short-lived download links (one per format); the
 * file is made when a link is opened (src/services/exports.ts). `mine data` / `my data` is the
 * person's own data (GDPR access and portability).
 */
export function registerExports(app: Application<TurnState>, deps: BotDeps): void {
  const offer = async (context: TurnContext, member: Member, kind: ExportKind, subject: string) => {
    const locale = member.locale;
    const settings = deps.config.exports;
    if (!settings) {
      await context.sendActivity(say(locale, 'exportOff'));
      return;
    }
    await assertMayExport(deps.repos, member, kind, subject);
    const now = new Date();
    const cycle = currentCycle(now);
    const name = subject ? (await deps.repos.org.getDepartment(subject))?.name ?? subject : '';
    const title = kind === 'my-data' ? say(locale, 'myDataTitle')
      : kind === 'municipality' ? municipalityTitle(cycle)[locale]
        : kind === 'department-gaps' ? gapsTitle(name, cycle)[locale]
          : `${say(locale, 'exportPlans')} – ${name} (${cycle})`;
    const card = renderCard('export-links', {
      title,
      text: say(locale, kind === 'my-data' ? 'myDataText' : 'exportText'),
      note: exportNote(settings.linkMinutes, kind === 'my-data' || kind === 'department-plans')[locale],
      links: formatsOf[kind].map((format) => ({
        title: exportButton(format)[locale],
        url: exportUrl(settings.baseUrl, settings.linkKey, member, kind, subject, cycle, format, settings.linkMinutes, now),
      })),
    }, locale);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  app.message(commandTrigger('my-data'), forMember(deps, async (context, member) => offer(context, member, 'my-data', '')));

  app.adaptiveCards.actionSubmit(verbs.exportRequest, forMember(deps, async (context, member, data) => {
    const parsed = requestSchema.safeParse(data);
    if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet siger ikke, hvad der skal eksporteres.', en: 'The card does not say what to export.' }]);
    await offer(context, member, parsed.data.kind, parsed.data.subjectId);
  }));
}
