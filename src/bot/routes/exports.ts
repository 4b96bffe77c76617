import { type Application, TurnState } from '@microsoft/teams-ai';
import { type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError } from '../../domain/errors';
import { type ExportKind, exportKinds, signExportLink, verifyExportLink } from '../../domain/exportLink';
import { exportButton, exportNote, gapsTitle, municipalityTitle, say } from '../../domain/texts';
import { assertMayExport, buildExport, exportUrl, formatsOf } from '../../services/exports';
import type { Member } from '../../services/identity';
import { currentCycle } from '../../services/preparation';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { fileConsentCard, fileInfoCard, uploadToOneDrive } from '../fileConsent';
import { scopeOf } from '../turn';
import { verbs } from '../verbs';

const requestSchema = z.object({ kind: z.enum(exportKinds), subjectId: z.string().max(64).default('') });

/** What an export button asks for (the links card's and the file button's). */
function exportRequestOf(data: unknown): z.infer<typeof requestSchema> {
  const parsed = requestSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet siger ikke, hvad der skal eksporteres.', en: 'The card does not say what to export.' }]);
  return parsed.data;
}

/**
 * What the file consent card carries back when the person accepts (Teams returns it as
 * `context`): the export's kind, department and cycle as a token signed like the download links
 * (src/domain/exportLink.ts), so a client cannot change what is made or for whom.
 */
const fileContextSchema = z.object({ token: z.string().min(1).max(4000) });
const acceptSchema = z.object({
  context: fileContextSchema,
  uploadInfo: z.object({
    name: z.string().min(1).max(255), uploadUrl: z.string().url().max(4000), contentUrl: z.string().url().max(4000),
    uniqueId: z.string().min(1).max(200), fileType: z.string().max(20).default('xlsx'),
  }),
});
const fileConsentBroken = { da: 'Teams sendte ikke, hvilken fil der skulle sendes. Bed om filen igen.', en: 'Teams did not say which file to send. Ask for the file again.' };
const fileConsentExpired = { da: 'Det er for længe siden, du bad om filen. Bed om den igen.', en: 'It is too long since you asked for the file. Ask for it again.' };

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
      fileInChat: scopeOf(context) === 'personal', kind, subjectId: subject,
    }, locale);
    await replyWithCard(context, card);
  };

  /** The export as Excel, made now with the member's access now (as when a link is opened). */
  const excelFile = (member: Member, kind: ExportKind, subject: string, cycle: string) =>
    buildExport(deps.repos, deps.domainData, member, { v: 1, kind, format: 'xlsx', personId: member.person.id, subject, cycle, exp: Math.floor(Date.now() / 1000) + 60 }, deps.config.anonymityThreshold);

  // A file in the chat: Teams asks the person's consent, then gives an upload URL in their
  // OneDrive; the bot puts the file there and shows it in the chat. Personal chats only (Teams).
  app.adaptiveCards.actionSubmit(verbs.exportFile, forMember(deps, async (context, member, data) => {
    const { kind, subjectId } = exportRequestOf(data);
    const settings = deps.config.exports;
    if (!settings) {
      await context.sendActivity(say(member.locale, 'exportOff'));
      return;
    }
    if (scopeOf(context) !== 'personal') {
      await context.sendActivity(say(member.locale, 'exportFileOnlyPersonal'));
      return;
    }
    const now = new Date();
    const cycle = currentCycle(now);
    const file = await excelFile(member, kind, subjectId, cycle);
    const token = signExportLink({ v: 1, kind, format: 'xlsx', personId: member.person.id, subject: subjectId, cycle, exp: Math.floor(now.getTime() / 1000) + settings.linkMinutes * 60 }, settings.linkKey);
    await context.sendActivity({ attachments: [fileConsentCard(file, say(member.locale, kind === 'my-data' ? 'myDataTitle' : 'exportOpen'), { token })] });
  }));

  app.fileConsentAccept(forMember(deps, async (context, member, data) => {
    const parsed = acceptSchema.safeParse(data);
    const settings = deps.config.exports;
    if (!parsed.success || !settings) throw new InvalidInputError([fileConsentBroken]);
    const { context: wanted, uploadInfo } = parsed.data;
    const checked = verifyExportLink(wanted.token, settings.linkKey, new Date());
    if (!checked.ok) throw new InvalidInputError([checked.reason === 'expired' ? fileConsentExpired : fileConsentBroken]);
    const { link } = checked;
    // Made for the person it was offered to, as Excel: anything else is not this consent.
    if (link.personId.toLowerCase() !== member.person.id.toLowerCase() || link.format !== 'xlsx') throw new InvalidInputError([fileConsentBroken]);
    const file = await excelFile(member, link.kind, link.subject, link.cycle);
    try {
      await uploadToOneDrive(uploadInfo.uploadUrl, file.body, { allowPlainHttp: deps.config.mode === 'local' });
    } catch (error) {
      deps.logger.warn({ err: error }, 'file upload to OneDrive failed');
      await context.sendActivity(say(member.locale, 'exportFileFailed'));
      return;
    }
    await context.sendActivity({ attachments: [fileInfoCard(uploadInfo)] });
  }));

  app.fileConsentDecline(forMember(deps, async (context, member) => {
    await context.sendActivity(say(member.locale, 'exportFileDeclined'));
  }));

  app.message(commandTrigger('my-data'), forMember(deps, async (context, member) => offer(context, member, 'my-data', '')));

  app.adaptiveCards.actionSubmit(verbs.exportRequest, forMember(deps, async (context, member, data) => {
    const { kind, subjectId } = exportRequestOf(data);
    await offer(context, member, kind, subjectId);
  }));
}
