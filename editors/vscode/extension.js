// The schemec extension: the grammar (package.json) highlights; this starts `schemec lsp` (the language
// server, on standard input and output) for diagnostics, hover, go to definition, completion, the outline
// and formatting. The program is the setting schemec.path (default: `schemec` on PATH).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

// VS Code shown in Chinese: the server's messages and hovers in Chinese too (`schemec lsp --lang zh`), whatever
// the locale VS Code was started with. Otherwise the server decides as schemec does: the locale, else the
// language of the first scheme opened.
function chineseDisplay() {
  return String(vscode.env.language || '').toLowerCase().startsWith('zh');
}

function start() {
  const command = vscode.workspace.getConfiguration('schemec').get('path') || 'schemec';
  const zh = chineseDisplay();
  client = new LanguageClient('schemec', 'schemec', { command, args: zh ? ['lsp', '--lang', 'zh'] : ['lsp'] }, {
    documentSelector: [{ language: 'schemec' }],
  });
  return client.start().catch((e) => {
    const why = e.message || e;
    vscode.window.showErrorMessage(zh ? `schemec：无法启动「${command} lsp」（${why}）；请在设置 schemec.path 中填写 schemec 程序的路径。`
                                      : `schemec: cannot start '${command} lsp' (${why}); set schemec.path to the schemec program.`);
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
