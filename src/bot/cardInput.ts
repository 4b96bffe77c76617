import { z } from 'zod';
import type { Competence } from '../domain/catalogue';
import { InvalidInputError } from '../domain/errors';

/** The references card actions carry (whom, which department), checked at the boundary. */
const ownerRefSchema = z.object({ ownerId: z.string().min(1).max(100) });

export function ownerRef(data: unknown): string {
  const parsed = ownerRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvem det gælder.', en: 'The card does not say whom it is about.' }]);
  return parsed.data.ownerId;
}
const departmentRefSchema = z.object({ departmentId: z.string().min(1).max(64) });

export function departmentRef(data: unknown): string {
  const parsed = departmentRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler afdelingen.', en: 'The card does not say which department.' }]);
  return parsed.data.departmentId;
}

const grusRefSchema = z.object({ grusId: z.string().uuid() });

export function grusRef(data: unknown): string {
  const parsed = grusRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvilken GRUS det gælder.', en: 'The card does not say which group conversation.' }]);
  return parsed.data.grusId;
}

/** What a level form sent, by competence id, to refill the card when something was refused. */
export function typedLevels(input: Record<string, unknown>, competences: readonly Competence[], inputIdOf: (id: string) => string): Record<string, string> {
  return Object.fromEntries(
    competences.flatMap((c) => {
      const value = input[inputIdOf(c.id)];
      return typeof value === 'string' && value !== '' ? [[c.id, value]] : [];
    }),
  );
}
