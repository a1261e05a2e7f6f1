// The `leaklens` process as bin/leaklens.js starts it, but from the sources (tests run without a build).
import { cli } from '../../../src/cli/main';

cli();
