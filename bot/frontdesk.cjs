#!/usr/bin/env node
// The `frontdesk` command: runs the TypeScript sources directly through tsx, so `npm install` is
// the whole set-up (no build step to forget).
'use strict';
require('tsx/cjs');
require('./cli.ts').run(process.argv.slice(2));
