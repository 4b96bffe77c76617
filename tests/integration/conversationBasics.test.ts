import { beforeAll, describe, expect, it } from 'vitest';
import { botHarness, demo, visibleText } from '../support/botHarness';

let harness: Awaited<ReturnType<typeof botHarness>>;
beforeAll(async () => {
  harness = await botHarness();
});

const textOf = (replies: Awaited<ReturnType<typeof harness.say>>) => replies.map(visibleText).join('\n');

describe('installing the app', () => {
  it('when an employee installs it in Danish Teams, then one welcome card greets them in Danish and names their department', async () => {
    const replies = await harness.install(demo.mette, { locale: 'da-DK' });
    expect(replies.filter((r) => r.type === 'message')).toHaveLength(1);
    const text = textOf(replies);
    expect(text).toContain('Velkommen til Kompetencebot');
    expect(text).toContain('Hej Mette!');
    expect(text).toContain('medarbejder i Hjemmeplejen Nord');
    expect(text).toContain('hjælp');
  });

  it('when an employee with no language set installs it in English Teams, then the welcome is English; a leader welcome says what they lead', async () => {
    const replies = await harness.install(demo.ahmad, { locale: 'en-US' });
    const text = textOf(replies);
    expect(text).toContain('Welcome to Kompetencebot');
    expect(text).toContain('Hi Ahmad!');
    expect(text).toContain('an employee in Hjemmeplejen Nord');

    const leader = textOf(await harness.install(demo.lars, { locale: 'da-DK' }));
    expect(leader).toContain('leder af Hjemmeplejen Nord');
  });

  it('when the app is installed, then the conversation reference is stored for proactive messages', async () => {
    await harness.install(demo.camilla, { locale: 'da-DK' });
    const stored = await harness.repos.conversations.get('user', demo.camilla.aadObjectId);
    expect(stored?.reference.conversation.id).toBe(`a:personal-${demo.camilla.aadObjectId}`);
    expect(stored?.reference.serviceUrl).toBe('http://127.0.0.1:9/emea/');
  });

  it('when the app is added to a team, then the channel gets the team greeting and its reference is stored without the thread id', async () => {
    const replies = await harness.install(demo.lars, { scope: 'channel', locale: 'da-DK' });
    expect(textOf(replies)).toContain('Hej team!');
    const channel = await harness.repos.conversations.get('channel', '19:general@thread.tacv2');
    expect(channel?.name).toBe('Hjemmeplejen Nord');
    expect(channel?.reference.conversation.id).toBe('19:general@thread.tacv2');
  });

  it('when someone HR has not registered installs it, then they are told to ask HR, in their language', async () => {
    expect(textOf(await harness.install(demo.stranger, { locale: 'da-DK' }))).toContain('Kontakt HR');
    await harness.uninstall(demo.stranger);
    expect(textOf(await harness.install(demo.stranger, { locale: 'en-GB' }))).toContain('contact HR');
  });
});

describe('commands', () => {
  it('when an employee types "hjælp", then the help card lists the commands in Danish', async () => {
    const text = textOf(await harness.say(demo.mette, 'hjælp'));
    expect(text).toContain('Kommandoer');
    expect(text).toContain('Vis hvad jeg kan hjælpe dig med');
  });

  it('when an English user types "help" or clicks "Show commands", then the help is in English', async () => {
    expect(textOf(await harness.say(demo.ahmad, 'help', { locale: 'en-US' }))).toContain('Show what I can help you with');
    expect(textOf(await harness.submit(demo.ahmad, { verb: 'help.show' }, { locale: 'en-US' }))).toContain('Commands');
  });

  it('when someone in a channel mentions the bot with "hjælp", then the channel gets the help', async () => {
    expect(textOf(await harness.say(demo.mette, 'hjælp', { scope: 'channel' }))).toContain('Kommandoer');
  });

  it('when a person chooses English, then the bot answers in English even in Danish Teams, until they choose Danish', async () => {
    expect(textOf(await harness.say(demo.mette, 'english'))).toContain('I will speak English');
    expect(textOf(await harness.say(demo.mette, 'hjælp'))).toContain('Commands');
    expect(textOf(await harness.say(demo.mette, 'dansk'))).toContain('taler dansk');
    expect(textOf(await harness.say(demo.mette, 'help'))).toContain('Kommandoer');
  });

  it('when an unregistered user types anything, then they are told they are not registered', async () => {
    expect(textOf(await harness.say(demo.stranger, 'hjælp'))).toContain('ikke registreret');
    expect(textOf(await harness.say(demo.stranger, 'what is this?', { locale: 'en-US' }))).toContain('not registered');
  });

  it('when a message is not a command, then the bot says so and points to help', async () => {
    expect(textOf(await harness.say(demo.mette, 'hvad er klokken?'))).toContain('Skriv "hjælp"');
  });

  it.each([
    ['Mette (Danish)', demo.mette, 'da-DK', 'Det kort virker ikke længere', 'forbered MUS', 'Her er det aktuelle'],
    ['Ahmad (English Teams)', demo.ahmad, 'en-US', 'That card no longer works', 'prepare MUS', 'Here is the current one'],
  ] as const)('when %s clicks a button the bot no longer knows, then the card says so and shows what to type instead — never "here is the current one" with nothing current', async (_who, user, locale, notice, command, never) => {
    const submitted = textOf(await harness.submit(user, { verb: 'no.such.verb' }, { locale }));
    const executed = await harness.execute(user, 'no.such.verb', {}, { locale });
    const invoked = (executed.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value;
    for (const text of [submitted, visibleText({ attachments: [{ contentType: 'card', content: invoked }] })]) {
      expect(text).toContain(notice);
      expect(text).toContain(command);
      expect(text).not.toContain(never);
    }
  });

  it('when a message arrives, then the stored conversation reference is refreshed', async () => {
    await harness.say(demo.lars, 'hjælp');
    expect(await harness.repos.conversations.get('user', demo.lars.aadObjectId)).toBeDefined();
  });
});

describe('failures inside a turn', () => {
  it('when storage fails in the middle of a turn, then the user gets a short apology in their language and the bot keeps serving', async () => {
    const broken = await botHarness();
    await broken.repos.tables.table('people').deleteTable();
    expect(textOf(await broken.say(demo.mette, 'hjælp', { locale: 'da-DK' }))).toContain('Beklager, noget gik galt');
    expect(textOf(await broken.say(demo.mette, 'help', { locale: 'en-US' }))).toContain('Sorry, something went wrong');
    await broken.repos.tables.ensureTables();
    expect(textOf(await broken.say(demo.mette, 'hjælp', { locale: 'da-DK' }))).toContain('ikke registreret');
  });
});
