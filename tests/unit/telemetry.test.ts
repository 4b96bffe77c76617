import { describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { azureMonitorOptions, describeTurn } from '../../src/telemetry';

const knownVerbs = new Set(Object.values(verbs));
const connectionString = 'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

describe('what a turn is called in telemetry', () => {
  it('a card action is named by its verb and the verb\'s first part, a typed command by the command', () => {
    expect(describeTurn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 'prep.next' } }, conversation: { conversationType: 'personal' } }, knownVerbs))
      .toEqual({ 'kb.flow': 'prep', 'kb.verb': 'prep.next', 'kb.activity.type': 'invoke', 'kb.scope': 'personal' });
    expect(describeTurn({ type: 'message', value: { verb: 'dept.openShared', ownerId: 'x' } }, knownVerbs)).toMatchObject({ 'kb.flow': 'dept', 'kb.verb': 'dept.openShared' });
    expect(describeTurn({ type: 'message', text: 'Forbered MUS' }, knownVerbs)).toMatchObject({ 'kb.flow': 'prepare', 'kb.verb': 'command:prepare' });
  });

  it.each([
    ['free text', { type: 'message', text: 'Mette Jensen, mette@kommune.dk' }, { 'kb.flow': 'fallback', 'kb.verb': 'text' }],
    ['a verb the bot does not know', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 'Mette Jensen' } } }, { 'kb.flow': 'unknown', 'kb.verb': 'other' }],
    ['a verb that is not text', { type: 'invoke', value: { action: { verb: { name: 'Mette' } } } }, { 'kb.verb': 'other' }],
    ['an invoke the bot does not know', { type: 'invoke', name: 'composeExtension/query:mette' }, { 'kb.verb': 'other', 'kb.flow': 'unknown' }],
    ['an activity type the bot does not know', { type: 'mette', conversation: { conversationType: 'mette' } }, { 'kb.activity.type': 'other', 'kb.verb': 'other', 'kb.scope': 'other' }],
  ])('%s is named from a closed list, never by what it carried', (_what, activity, expected) => {
    const attributes = describeTurn(activity, knownVerbs);
    expect(attributes).toMatchObject(expected);
    expect(JSON.stringify(attributes).toLowerCase()).not.toContain('mette');
  });

  it('installing the app is the welcome flow', () => {
    expect(describeTurn({ type: 'installationUpdate' }, knownVerbs)).toMatchObject({ 'kb.flow': 'welcome', 'kb.verb': 'installationUpdate' });
  });
});

describe('the Azure Monitor options', () => {
  const options = azureMonitorOptions(connectionString, '1.2.3');

  it('export to the configured Application Insights as service kompetencebot with the app version', () => {
    expect(options.azureMonitorExporterOptions?.connectionString).toBe(connectionString);
    expect(options.resource?.attributes).toMatchObject({ 'service.name': 'kompetencebot', 'service.version': '1.2.3' });
  });

  it('keep every turn (no rate-limited sampling, which drops the first spans after a quiet spell)', () => {
    expect(options).toMatchObject({ samplingRatio: 1, tracesPerSecond: 0 });
  });

  it('switch off every automatic instrumentation (URLs carry export tokens and table keys), Live Metrics and the browser snippet', () => {
    const instrumentations = options.instrumentationOptions ?? {};
    expect(Object.keys(instrumentations).sort()).toEqual(['azureSdk', 'bunyan', 'console', 'http', 'mongoDb', 'mySql', 'postgreSql', 'redis', 'redis4', 'winston']);
    for (const [name, setting] of Object.entries(instrumentations)) expect(setting, name).toEqual({ enabled: false });
    expect(options.enableLiveMetrics).toBe(false);
    expect(options.browserSdkLoaderOptions).toEqual({ enabled: false });
  });
});

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('when it is not set, then nothing is exported', () => {
    expect(parseConfig({ APP_ENV: 'local' }).telemetry).toBeUndefined();
  });

  it('when it is set, then telemetry goes there', () => {
    expect(parseConfig({ APP_ENV: 'local', APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry).toEqual({ connectionString });
  });

  it('when it is not a connection string, then the start is refused naming it', () => {
    expect(() => parseConfig({ APP_ENV: 'local', APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://westeurope.in.applicationinsights.azure.com' })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string/);
  });
});
