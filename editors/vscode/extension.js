// The schemec extension: the grammar (package.json) highlights; this starts `schemec lsp` (the language
// server, on standard input and output) for diagnostics, hover, go to definition, completion, the outline
// and formatting. The program is the setting schemec.path (default: `schemec` on PATH).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function start() {
  const command = vscode.workspace.getConfiguration('schemec').get('path') || 'schemec';
  client = new LanguageClient('schemec', 'schemec', { command, args: ['lsp'] }, {
    documentSelector: [{ language: 'schemec' }],
  });
  return client.start().catch((e) => {
    vscode.window.showErrorMessage(`schemec: cannot start '${command} lsp' (${e.message || e}); set schemec.path to the schemec program. ` +
                                   `无法启动 '${command} lsp'，请在设置 schemec.path 中填写 schemec 程序的路径。`);
  });
}

function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!e.affectsConfiguration('schemec.path')) return;
    if (client) await client.stop().catch(() => {});
    await start();
  }));
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
