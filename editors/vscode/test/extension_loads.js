#!/usr/bin/env node
// extension.js and the language client it uses load (with a stand-in for the `vscode` module, which exists
// only inside VS Code) and export activate and deactivate.
'use strict';
const Module = require('module');
const load = Module._load;
const standIn = () => new Proxy(function () {}, {
  get: (_, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : standIn()),
  construct: () => standIn(),
  apply: () => standIn(),
});
Module._load = function (request, ...rest) {
  return request === 'vscode' ? standIn() : load.call(this, request, ...rest);
};
const extension = require('../extension.js');
if (typeof extension.activate !== 'function' || typeof extension.deactivate !== 'function') {
  console.error('extension.js does not export activate and deactivate');
  process.exit(1);
}
// Every %key% of package.json has its English (package.nls.json) and Chinese (package.nls.zh-cn.json) text.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const keys = [...fs.readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
  const texts = JSON.parse(fs.readFileSync(path.join(root, nls), 'utf8'));
  const missing = keys.filter((k) => typeof texts[k] !== 'string' || texts[k] === '');
  const stale = Object.keys(texts).filter((k) => !keys.includes(k));
  if (missing.length || stale.length) {
    console.error(`${nls}: missing ${missing.join(', ') || 'none'}; not used by package.json ${stale.join(', ') || 'none'}`);
    process.exit(1);
  }
}
if (keys.length === 0) {
  console.error('package.json names no %key%: its texts are not localised');
  process.exit(1);
}
console.log('extension: loads, exports activate and deactivate; package.json texts in English and Chinese');
