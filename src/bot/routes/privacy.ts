import { type Application, TurnState } from '@microsoft/teams-ai';
import { type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { assertAllowed } from '../../domain/authorization';
import { InvalidInputError } from '../../domain/errors';
import { subjectOf } from '../../services/department';
import { auditKindTitles, auditLine, auditTitleFor, eraseDone, eraseHeading, eraseLine, eraseMatches, erasureKindNames, say } from '../../domain/texts';
import type { Locale } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import { auditLog } from '../../services/audit';
import { erasePerson, previewErasure, searchPeopleToErase } from '../../services/erasure';
import type { Member } from '../../services/identity';
import type { ErasureCounts } from '../../storage/erasure';
import { type AuditKind, auditKinds } from '../../storage/auditRepository';
import { type AdaptiveCardJson, type CardData, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { verbs } from '../verbs';

const querySchema = z.object({ query: z.string().trim().max(200).default('') });
const personSchema = z.object({ personId: z.string().trim().min(1).max(100) });
const confirmSchema = personSchema.extend({ erasureId: z.string().trim().max(40) });
/** The audit log's filter by kind: every kind, or one. */
const allKinds = 'all';
const filterSchema = z.object({ person: z.string().trim().max(200).default(''), kind: z.enum([allKinds, ...auditKinds]).catch(allKinds).default(allKinds) });

/** Card data checked with zod; anything else is bad input, answered in the user's language. */
function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, data: unknown): T {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortets felter er ugyldige.', en: "The card's fields are not valid." }]);
  return parsed.data;
}

const noConfirm: CardData['erase-person']['confirm'] = { personId: '', erasureId: '', heading: '', lines: [] };

function eraseCard(locale: Locale, parts: Partial<CardData['erase-person']>): AdaptiveCardJson {
  return renderCard('erase-person', {
    title: say(locale, 'eraseTitle'), notices: [], noticeStyle: 'warning', query: '', matches: [], confirm: noConfirm, ...parts,
  }, locale);
}

function countLines(counts: ErasureCounts, locale: Locale): string[] {
  return Object.entries(counts).map(([role, c]) => eraseLine(erasureKindNames[role] ?? { da: role, en: role }, c.deleted, c.redacted)[locale]);
}

const total = (counts: ErasureCounts) => Object.values(counts).reduce((sum, c) => sum + c.deleted + c.redacted, 0);

/**
 * GDPR in chat, for HR: `slet person` / `erase person` (find → what will be erased → erase) and
 * `revisionslog` / `audit log` (who read whose personal data, newest first, per person).
 */
export function registerPrivacy(app: Application<TurnState>, deps: BotDeps): void {
  const onlyHr = (key: 'eraseNotHr' | 'auditNotHr', handler: (context: TurnContext, member: Member) => Promise<void>) =>
    forMember(deps, async (context, member) => {
      if (!member.roles.includes('hr')) {
        await context.sendActivity(say(member.locale, key));
        return;
      }
      await handler(context, member);
    });

  app.message(commandTrigger('erase-person'), onlyHr('eraseNotHr', async (context, member) => {
    await replyWithCard(context, eraseCard(member.locale, {}));
  }));

  app.adaptiveCards.actionExecute(verbs.eraseStart, cardForMember(deps, async (_context, member) => {
    assertAllowed(await subjectOf(deps.repos, member), { action: 'erase-person' });
    return eraseCard(member.locale, {});
  }));

  app.adaptiveCards.actionExecute(verbs.eraseSearch, cardForMember(deps, async (_context, member, data) => {
    const { query } = parse(querySchema, data);
    const found = await searchPeopleToErase(deps.repos, member, query);
    const matches = found.map((p) => ({ title: [p.name, p.email, p.active ? '' : say(member.locale, 'eraseInactive')].filter(Boolean).join(' · '), personId: p.id }));
    const notices = [found.length ? eraseMatches(found.length)[member.locale] : say(member.locale, 'eraseNoMatch')];
    return eraseCard(member.locale, { query, matches, notices });
  }));

  app.adaptiveCards.actionExecute(verbs.erasePreview, cardForMember(deps, async (_context, member, data) => {
    const { personId } = parse(personSchema, data);
    const { person, counts, erasureId } = await previewErasure(deps.repos, member, personId);
    return eraseCard(member.locale, {
      confirm: { personId: person.id, erasureId, heading: eraseHeading(person.name, person.email ?? '')[member.locale], lines: countLines(counts, member.locale) },
    });
  }));

  app.adaptiveCards.actionExecute(verbs.eraseConfirm, cardForMember(deps, async (_context, member, data) => {
    const { personId, erasureId } = parse(confirmSchema, data);
    const { counts } = await erasePerson(deps.repos, member, personId, erasureId);
    deps.logger.info({ erasureId, by: member.person.id }, 'person erased');
    return eraseCard(member.locale, { notices: [eraseDone(total(counts))[member.locale], ...countLines(counts, member.locale)], noticeStyle: 'good' });
  }));

  const auditCard = async (member: Member, filter: string, kind: AuditKind | typeof allKinds = allKinds): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const view = await auditLog(deps.repos, member, filter, kind === allKinds ? undefined : kind);
    const notices = view.ambiguous.length ? [eraseMatches(view.ambiguous.length)[locale], ...view.ambiguous.map((p) => `${p.name} · ${p.email ?? p.id}`)] : [];
    const format = formatterFor(locale, deps.domainData.aarshjul.timezone);
    return renderCard('audit-log', {
      title: auditTitleFor(view.person?.name ?? (filter || undefined))[locale], filter, notices, kind,
      kinds: [{ title: say(locale, 'auditAllKinds'), value: allKinds }, ...auditKinds.map((k) => ({ title: auditKindTitles[k]![locale], value: k }))],
      entries: view.entries.map((e) => ({ when: format.dateTime(e.at), line: auditLine(e.readerName, e.subjectNames, e.subjectIds.length, e.kind, e.detail)[locale] })),
    }, locale);
  };

  app.message(commandTrigger('audit-log'), onlyHr('auditNotHr', async (context, member) => {
    await replyWithCard(context, await auditCard(member, ''));
  }));

  app.adaptiveCards.actionExecute(verbs.auditShow, cardForMember(deps, async (_context, member, data) => {
    const { person, kind } = parse(filterSchema, data);
    return auditCard(member, person, kind);
  }));
}
