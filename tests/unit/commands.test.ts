import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, commandsFor, matchCommand } from '../../src/domain/commands';
import { appPackageDir } from '../../src/paths';

const manifest = JSON.parse(readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')) as {
  bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
};
const english = JSON.parse(readFileSync(path.join(appPackageDir, 'en.json'), 'utf8')) as Record<string, string>;

describe('the command menu in Teams', () => {
  it('when a user picks a command from the Danish or English menu, then the bot knows it, in that scope', () => {
    manifest.bots[0]!.commandLists.forEach((list, l) => {
      list.commands.forEach((command, c) => {
        const known = matchCommand(command.title);
        expect(known, command.title).toBeDefined();
        const englishTitle = english[`bots[0].commandLists[${l}].commands[${c}].title`]!;
        expect(matchCommand(englishTitle)?.id, englishTitle).toBe(known!.id);
        for (const scope of list.scopes) expect(known!.scopes, `${command.title} in ${scope}`).toContain(scope);
      });
    });
  });

  it('when the preparation command exists in the bot, then the personal menu offers it', () => {
    const personal = manifest.bots[0]!.commandLists.find((l) => l.scopes.includes('personal'))!;
    const prepare = commands.find((c) => c.id === 'prepare')!;
    expect(personal.commands.map((c) => c.title)).toContain(prepare.title.da);
  });
});

describe('the help card', () => {
  it('when HR asks for help, then the årshjul is offered; leaders and employees are not offered it', () => {
    const offered = (roles: Parameters<typeof commandsFor>[0]) => commandsFor(roles, 'personal', 'en').map((c) => c.title);
    expect(offered(['employee', 'hr'])).toContain('annual cycle');
    expect(offered(['employee', 'leader'])).not.toContain('annual cycle');
    expect(offered(['employee'])).not.toContain('annual cycle');
  });

  it('when a MED member, a member of Hovedudvalget or a TR asks for help, then "my area" is offered; an employee or a leader is not offered it', () => {
    const offered = (roles: Parameters<typeof commandsFor>[0]) => commandsFor(roles, 'personal', 'da').map((c) => c.title);
    for (const role of ['med', 'hovedudvalg', 'tr'] as const) expect(offered(['employee', role])).toContain('mit område');
    expect(offered(['employee', 'leader', 'hr'])).not.toContain('mit område');
  });
});
