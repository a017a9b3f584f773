// node vnu.mjs SITE_DIR
// Every HTML page of the site through the Nu Html Checker (vnu.jar from the vnu-jar package,
// run with the system's Java), in one run: each page with an error fails with the checker's
// messages (line and text). Warnings are not errors and pass.

import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { args, check, run } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const VNU = fileURLToPath(new URL('./node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url));

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

run(async () => {
  const files = await htmlFiles(path.resolve(siteDir));
  check(files.length > 0, `the site has pages (${files.length})`);
  let report;
  try {
    report = execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    // vnu exits 1 when it found errors; its report is still on stdout.
    if (!err.stdout) throw err;
    report = err.stdout;
  }
  const byFile = new Map(files.map((f) => [pathToFileURL(f).href, []]));
  for (const m of JSON.parse(report).messages) {
    const list = byFile.get(m.url) ?? byFile.set(m.url ?? 'vnu', []).get(m.url ?? 'vnu');
    list.push(`line ${m.lastLine ?? '?'}: ${m.message}`);
  }
  for (const [url, messages] of byFile) {
    const rel = url.startsWith('file:') ? path.relative(siteDir, fileURLToPath(url)) : url;
    check(messages.length === 0, `vnu: ${rel} is valid HTML`, messages.slice(0, 10).join('\n'));
  }
});
