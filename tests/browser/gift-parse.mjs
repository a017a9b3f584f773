// Parses a GIFT file with gift-pegjs, a GIFT parser independent of unitpress, and prints what
// it read as JSON: tests/question_banks.rs compares that with the course. A file gift-pegjs
// cannot parse ends the script with its syntax error (line and column) and exit code 1.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('gift-pegjs');

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node gift-parse.mjs FILE.gift.txt');
  process.exit(2);
}
try {
  console.log(JSON.stringify(parse(readFileSync(file, 'utf8'))));
} catch (err) {
  const at = err.location ? ` at line ${err.location.start.line}, column ${err.location.start.column}` : '';
  console.error(`gift-pegjs could not parse ${file}${at}: ${err.message}`);
  process.exit(1);
}
