// Headless Chromium (Debian's, not a Playwright download: nothing may be fetched here) driven by playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const defaultChromium = '/usr/bin/chromium';

export async function launchChromium(executablePath = process.env.LEAKLENS_CHROMIUM || defaultChromium): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it with \`apt-get install chromium\` (.ci/run does this) or set LEAKLENS_CHROMIUM to its path`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
