import type { GroupResult } from '../domain/grus';
import { gapsHidden, grusPosted, grusRespondents, grusResultTitle, say } from '../domain/texts';
import type { PostedResult } from '../services/grus';
import type { Grus } from '../storage/grusRepository';
import { type AdaptiveCardJson, type CardData, renderCard } from './cards';
import type { ProactiveSender } from './proactive';

/** The team's result as the channel sees it: counts as a bar chart (character bars where charts are not drawn), texts as a list, nothing under the threshold. */
export function grusResultCard(result: GroupResult, grus: Grus): AdaptiveCardJson {
  const locale = grus.locale;
  const data: CardData['grus-result'] = {
    title: grusResultTitle(grus.teamName, grus.cycle)[locale],
    subtitle: grusRespondents(result.respondents)[locale],
    hiddenText: gapsHidden(result.threshold)[locale],
    themes: result.themes.map((theme) => ({
      title: theme.title,
      questions: theme.questions.map((q) => {
        if (q.hidden) return { text: q.text, hidden: true, chart: [], lines: [] };
        if (q.texts) return { text: q.text, hidden: false, chart: [], lines: q.texts.map((t) => ({ text: `• ${t}` })) };
        const most = Math.max(1, ...(q.counts ?? []).map((c) => c.count));
        const width = Math.max(...(q.counts ?? []).map((c) => [...c.label].length));
        return {
          text: q.text, hidden: false,
          chart: (q.counts ?? []).map((c) => ({ x: c.label, y: c.count })),
          lines: (q.counts ?? []).map((c) => ({ text: `${c.label.padEnd(width)} ${'■'.repeat(Math.round((c.count / most) * 10))} ${c.count}` })),
        };
      }),
    })),
  };
  return renderCard('grus-result', data, locale);
}


/** Posts a GRUS result in its team's channel and tells the leader who started it (in their language). */
export async function publishGrusResult(sender: ProactiveSender, posted: PostedResult) {
  const outcome = await sender.sendCardToChannel(posted.grus.channelId, grusResultCard(posted.result, posted.grus));
  const locale = await sender.localeOf(posted.grus.startedBy);
  await sender.sendCard(posted.grus.startedBy, renderCard('notice', { title: grusPosted(posted.grus.teamName)[locale], lines: [say(locale, 'grusPlanHint')] }, locale));
  return outcome;
}
