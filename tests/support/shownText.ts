import type { Activity } from 'botbuilder';
import { isoDatePattern } from '../../src/domain/format';

/**
 * What a person reads on a card: text blocks and runs, facts, button titles, input labels,
 * placeholders and typed values, choice titles. Not what only the bot reads (action data, ids,
 * choice values) and not a date field's value, which Teams shows in the person's own format.
 */
export function shownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTexts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own: string[] = [];
  const take = (key: string) => {
    if (typeof o[key] === 'string' && o[key] !== '') own.push(o[key] as string);
  };
  ['text', 'title', 'label', 'placeholder', 'errorMessage', 'fallbackText'].forEach(take);
  const isFact = o.type === undefined && typeof o.title === 'string' && 'value' in o && !('verb' in o);
  if (isFact || o.type === 'Input.Text') take('value');
  const children = Object.entries(o).filter(([key]) => key !== 'data' && key !== 'choices').map(([, value]) => value);
  // A choice's title is shown, its value is not.
  const choices = Array.isArray(o.choices) ? (o.choices as Array<{ title?: unknown }>).map((c) => (typeof c.title === 'string' ? c.title : '')).filter(Boolean) : [];
  return [...own, ...choices, ...children.flatMap(shownTexts)];
}

/** The cards an activity carries: its attachments, or an invoke response's card. */
export function cardsOf(activity: Partial<Activity>): unknown[] {
  const attached = (activity.attachments ?? []).map((a) => a.content);
  const invoked = (activity.value as { body?: { value?: unknown } } | undefined)?.body?.value;
  return activity.type === 'invokeResponse' && invoked ? [...attached, invoked] : attached;
}

/** Every shown text of a reply (its own text and its cards') that writes a date as YYYY-MM-DD. */
export function isoDatesShown(activity: Partial<Activity>): string[] {
  const texts = [...(typeof activity.text === 'string' ? [activity.text] : []), ...cardsOf(activity).flatMap(shownTexts)];
  return texts.filter((text) => isoDatePattern.test(text));
}
