// Each user-visible step of a test ends with a PNG in artifacts/e2e/<test>/, and a failing step's message
// names the screenshot that shows the state it failed in.
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const artifactsRoot = resolve(__dirname, '..', '..', '..', 'artifacts', 'e2e');

export class Steps {
  private count = 0;
  readonly dir: string;

  constructor(
    private readonly page: Page,
    testName: string,
  ) {
    this.dir = join(artifactsRoot, testName.replace(/[^\w-]+/g, '-'));
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.count += 1;
    const file = join(this.dir, `${String(this.count).padStart(2, '0')}-${name.replace(/[^\w-]+/g, '-')}`);
    try {
      const result = await action();
      await this.page.screenshot({ path: `${file}.png`, timeout: 15_000 });
      return result;
    } catch (error) {
      const shot = `${file}-FAILED.png`;
      const taken = await this.page.screenshot({ path: shot, timeout: 15_000 }).then(
        () => true,
        () => false,
      );
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `step "${name}" failed: ${message}\n${taken ? `screenshot: ${relative(process.cwd(), shot)}` : '(no screenshot: the page was gone)'}`,
        { cause: error },
      );
    }
  }
}
