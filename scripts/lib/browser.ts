import { type Browser, chromium, type Page } from 'playwright-core';

/** The flags Chromium needs on these machines (root, no GPU, no network but loopback). */
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Debian's Chromium, headless (`npx playwright install` cannot work here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
}

/**
 * A page on an Agents Playground that may reach only the Playground itself (its page would ask
 * a CDN for fonts).
 */
export async function openPlayground(browser: Browser, playgroundUrl: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: options.locale ?? 'da-DK' });
  await context.route('**/*', (route) =>
    route.request().url().startsWith(playgroundUrl) || route.request().url().startsWith('ws://127.0.0.1') ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(playgroundUrl);
  return page;
}
