// "Wait until the URL answers": polls it with GET until any HTTP answer comes (a 404 is an answer: the server
// is up), the time limit passes, or the service exits first.
import { CheckError } from './errors';
import type { StartedService } from './service';

const POLL_EVERY_MS = 200;
const PROBE_TIMEOUT_MS = 2000;

export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'manual' });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export async function waitUntilAnswering(url: string, service: StartedService, limitMs: number, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (service.exited) throw service.exitError();
    if (signal?.aborted) throw new CheckError('cancelled', 'Cancelled while waiting for the service to answer.');
    if (await answers(url)) return;
    if (Date.now() - started >= limitMs) {
      const tail = service.outputTail();
      throw new CheckError(
        'not-answering',
        `${url} did not answer within ${Math.round(limitMs / 1000)} s of starting the ${service.options.role} service \`${service.options.command}\`. ` +
          `Check the URL (host, port, path) against where the service listens, or give it longer with --startup-timeout.` +
          (tail ? `\nIts last output:\n${tail}` : ' It printed nothing.'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
}
