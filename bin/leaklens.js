#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (run by `npm ci` through "prepare").
require('../dist/cli.js').cli();
