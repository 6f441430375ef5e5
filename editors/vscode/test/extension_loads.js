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
console.log('extension: loads, exports activate and deactivate');
