#!/usr/bin/env node
// Tokenizes every shipped scheme (schemes/**/*.scheme, docs/examples/**/*.scheme) with the VS Code extension's
// TextMate grammar through vscode-textmate + vscode-oniguruma (VS Code's own engine) and checks, against a
// small lexer of its own written from grammar/lexical.hpp's rules:
//   - every comment (# or //, outside a text) is a comment to the line's end;
//   - every quoted text ("…" “…” 「…」 『…』) is a string, and no line ends inside a string;
//   - every number (85, 84.995, 15%) is a number; full-width digits (６０) are marked invalid;
//   - every reserved word (若 则 否则 且 或 非 属于 其余 理由 查表 分档 真 假 … in both spellings) is a keyword;
//   - every statement keyword starting a line (输入 参数 等次 加分 … / input param grades bonus …) is a keyword;
//   - every other keyword written in Chinese (比例 按 排序 权重 上限 …) is a keyword unless it stands where a name
//     is read (after an operator, or declared: 分数：小数) — the English ones (score, weight …) are often names
//     and are checked by the golden lines;
//   - every type after ':' (小数 文本 枚举 … / decimal text enum …) is a type, every built-in function
//     before '(' a function;
//   - a name declared at the start of a line (name: …, name = …, name「label」 …) is never a keyword;
// then a few hand-written golden lines token by token.
// Usage: node test/grammar_test.js REPO_ROOT
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');
const { extract } = require('../scripts/generate_grammar.js');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'schemec.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === 'source.schemec' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  return registry.loadGrammar('source.schemec');
}

function findSchemes(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) findSchemes(p, found);
    else if (entry.name.endsWith('.scheme')) found.push(p);
  }
  return found;
}

// Identifier characters as grammar/lexical.hpp's ident_char.
const isIdent = (c) => c !== undefined && /[A-Za-z0-9_\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF\u3007]/.test(c);
const isBlank = (c) => c === ' ' || c === '\t' || c === '\u3000';
const QUOTES = { '"': '"', '“': '”', '「': '」', '『': '』' };

// The lexer: words, numbers, texts, comments of one line, with their positions.
function lex(line) {
  const items = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '#' || (c === '/' && line[i + 1] === '/')) {
      items.push({ kind: 'comment', start: i, end: line.length });
      break;
    }
    if (QUOTES[c]) {
      const close = line.indexOf(QUOTES[c], i + 1);
      const end = close < 0 ? line.length : close + 1;
      items.push({ kind: 'string', start: i, end });
      i = end;
      continue;
    }
    if (isIdent(c)) {
      let j = i;
      while (isIdent(line[j])) j++;
      const text = line.slice(i, j);
      const digits = /^\d+(?:\.\d+)?/.exec(line.slice(i));
      if (/^\d/.test(text)) {
        if (/^\d{4}-\d{2}-\d{2}/.test(line.slice(i))) {
          items.push({ kind: 'date', start: i, end: i + 10 });
          i += 10;
          continue;
        }
        items.push({ kind: 'number', start: i, end: i + digits[0].length });
        i += digits[0].length;
        continue;
      }
      items.push({ kind: 'word', start: i, end: j, text });
      i = j;
      continue;
    }
    if (/[０-９]/.test(c)) {
      let j = i;
      while (/[０-９]/.test(line[j])) j++;
      items.push({ kind: 'fullwidth', start: i, end: j });
      i = j;
      continue;
    }
    items.push({ kind: 'mark', start: i, end: i + 1, text: c });
    i++;
  }
  return items;
}

function scopesAt(tokens, index) {
  const t = tokens.find((tok) => tok.startIndex <= index && index < tok.endIndex);
  return t ? t.scopes : [];
}

let failures = 0;
function fail(where, message) {
  failures++;
  if (failures <= 60) console.error(`${where}: ${message}`);
}

function checkFile(grammar, file, k) {
  const rel = path.relative(root, file);
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  let stack = vsctm.INITIAL;
  let counted = { keyword: 0, string: 0, number: 0, comment: 0 };
  const reserved = new Set([...k.logical, ...k.constants, ...k.control]);
  const statement = new Set(k.statement);
  const types = new Set(k.types);
  const functions = new Set(k.functions);
  const clause = new Set(k.clause);
  lines.forEach((line, n) => {
    const where = `${rel}:${n + 1}`;
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    if (stack.depth !== 1) fail(where, `the line ends inside ${stack.depth - 1} open rule(s) (an unterminated string?)`);
    const tokens = result.tokens;
    const has = (item, prefix, what) => {
      for (let i = item.start; i < item.end; i++) {
        if (!scopesAt(tokens, i).some((s) => [].concat(prefix).some((p) => s.startsWith(p)))) {
          fail(where, `${what} '${line.slice(item.start, item.end)}' (column ${item.start + 1}): '${line[i]}' has scopes ${scopesAt(tokens, i).join(' ')}, none ${prefix}*`);
          return false;
        }
      }
      return true;
    };
    const items = lex(line);
    items.forEach((item, idx) => {
      const prev = items[idx - 1];
      const next = items[idx + 1];
      const afterBlanks = line.slice(item.end).replace(/^[ \t\u3000]*/, '');
      if (item.kind === 'comment') has(item, 'comment.', 'comment') && counted.comment++;
      else if (item.kind === 'string') has(item, 'string.', 'text') && counted.string++;
      else if (item.kind === 'number' || item.kind === 'date') has(item, 'constant.numeric', 'number') && counted.number++;
      else if (item.kind === 'fullwidth') has(item, 'invalid.illegal', 'full-width digits');
      else if (item.kind === 'word') {
        const w = item.text;
        const dotted = (prev && prev.kind === 'mark' && /[.．]/.test(prev.text) && prev.end === item.start) || /^[.．]/.test(afterBlanks);
        const lineStart = line.slice(0, item.start).trim() === '' || /[;；][ \t\u3000]*$/.test(line.slice(0, item.start));
        const declared = /^(?:[:：]|[=＝](?![=>＞])|[「“"『])/.test(afterBlanks);
        if (dotted) return;
        if (reserved.has(w)) has(item, k.constants.includes(w) ? 'constant.language' : 'keyword.', 'reserved word') && counted.keyword++;
        else if (lineStart && statement.has(w) && !declared) has(item, 'keyword.', 'statement keyword') && counted.keyword++;
        else if (functions.has(w) && next && next.start === item.end && /[(（]/.test(next.text || '')) has(item, 'support.function', 'function');
        else if (types.has(w) && isTypePosition(line, item.start, k)) has(item, 'storage.type', 'type') && counted.keyword++;
        else if (clause.has(w) && !declared && !/^[(（]/.test(afterBlanks) && !/^[A-Za-z_]/.test(w) && !afterOperand(line, item.start, k)) {
          has(item, k.optional.includes(w) ? ['storage.modifier', 'keyword.'] : 'keyword.', 'keyword') && counted.keyword++;
        } else if (lineStart && declared && !statement.has(w)) {
          for (let i = item.start; i < item.end; i++) {
            const scopes = scopesAt(tokens, i);
            if (scopes.some((s) => s.startsWith('keyword.'))) {
              fail(where, `the declared name '${w}' (column ${item.start + 1}) is highlighted as a keyword: ${scopes.join(' ')}`);
              break;
            }
          }
        }
      }
    });
  });
  return counted;
}

// Whether the word at [start] is written where a formula or a list reads a name: after an operator, a
// separator or '(' (total = 分数 + 1), after a reserved word (若 分数 则), or after a keyword that a name follows
// (分数 项目, 输出 分数, 权重 分数): there a clause keyword's spelling is a name.
function afterOperand(line, start, k) {
  const before = line.slice(0, start).replace(/[ \t\u3000]+$/, '');
  if (/[-+=＝＋－−×÷*/／(（>＞<＜≥≤≠,，、;；]$/.test(before)) return true;
  const prev = /[A-Za-z0-9_\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF\u3007]+$/.exec(before);
  if (!prev || prev.index > 0 && isIdent(before[prev.index - 1])) return false;
  const names = [...k.logical, ...k.control, ...k.namingClause, ...k.exprClause, ...k.listing];
  return names.includes(prev[0]) && !k.afterClause.includes(line.slice(start).match(/^\S+/)[0].replace(/[^A-Za-z0-9_\u4E00-\u9FFF]+$/, ''));
}

// A type is written after the ':' of a column or parameter, after an optional 可选/optional.
function isTypePosition(line, start, k) {
  const before = line.slice(0, start).replace(/[ \t\u3000]+$/, '');
  if (/[:：]$/.test(before)) return true;
  for (const o of k.optional) {
    if (before.endsWith(o) && /[:：][ \t\u3000]*$/.test(before.slice(0, before.length - o.length))) return true;
  }
  return false;
}

// Hand-written golden lines: each token's text and its innermost scope.
const GOLDEN = [
  ['输入 participants 键 id {', [
    ['输入', 'keyword.other.statement.schemec'], [' ', 'source.schemec'], ['participants', 'entity.name.type.block.schemec'],
    [' ', 'source.schemec'], ['键', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['id', 'variable.other.schemec'], [' ', 'source.schemec'],
    ['{', 'punctuation.section.block.begin.schemec']]],
  ['  score「得分」：小数 0..100   # 满分100', [
    ['  ', 'source.schemec'], ['score', 'variable.other.definition.schemec'], ['「得分」', 'string.quoted.other.label.schemec'],
    ['：', 'punctuation.separator.colon.schemec'], ['小数', 'storage.type.schemec'], [' ', 'source.schemec'],
    ['0', 'constant.numeric.decimal.schemec'], ['..', 'keyword.operator.range.schemec'], ['100', 'constant.numeric.decimal.schemec'],
    ['   ', 'source.schemec'], ['# 满分100', 'comment.line.number-sign.schemec']]],
  ['total = score × 30% + 若 x >= ６０ 则 1 否则 0', [
    ['total ', 'source.schemec'], ['=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'], ['score', 'variable.other.schemec'],
    [' ', 'source.schemec'], ['×', 'keyword.operator.arithmetic.schemec'], [' ', 'source.schemec'],
    ['30%', 'constant.numeric.percent.schemec'], [' ', 'source.schemec'], ['+', 'keyword.operator.arithmetic.schemec'],
    [' ', 'source.schemec'], ['若', 'keyword.control.schemec'], [' ', 'source.schemec'], ['x', 'variable.other.schemec'],
    [' ', 'source.schemec'], ['>=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'],
    ['６０', 'invalid.illegal.fullwidth-digit.schemec'], [' ', 'source.schemec'], ['则', 'keyword.control.schemec'],
    [' ', 'source.schemec'], ['1', 'constant.numeric.decimal.schemec'], [' ', 'source.schemec'], ['否则', 'keyword.control.schemec'],
    [' ', 'source.schemec'], ['0', 'constant.numeric.decimal.schemec']]],
  ['  优秀：total >= 85 比例 15% 按 unit 排序 total 降序', [
    ['  优秀', 'source.schemec'], ['：', 'punctuation.separator.schemec'], ['total', 'variable.other.schemec'],
    [' ', 'source.schemec'], ['>=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'], ['85', 'constant.numeric.decimal.schemec'],
    [' ', 'source.schemec'], ['比例', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['15%', 'constant.numeric.percent.schemec'],
    [' ', 'source.schemec'], ['按', 'keyword.other.clause.schemec'], [' unit ', 'source.schemec'], ['排序', 'keyword.other.clause.schemec'],
    [' total ', 'source.schemec'], ['降序', 'keyword.control.schemec']]],
  ['x = 平均（score 按 unit） + round(y, 2) + 且分', [
    ['x ', 'source.schemec'], ['=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'], ['平均', 'support.function.builtin.schemec'],
    ['（', 'punctuation.section.parens.schemec'], ['score', 'variable.other.schemec'], [' ', 'source.schemec'], ['按', 'keyword.other.clause.schemec'],
    [' unit', 'source.schemec'], ['）', 'punctuation.section.parens.schemec'], [' ', 'source.schemec'],
    ['+', 'keyword.operator.arithmetic.schemec'], [' ', 'source.schemec'], ['round', 'support.function.builtin.schemec'],
    ['(', 'punctuation.section.parens.schemec'], ['y', 'variable.other.schemec'], [',', 'punctuation.separator.schemec'], [' ', 'source.schemec'],
    ['2', 'constant.numeric.decimal.schemec'], [')', 'punctuation.section.parens.schemec'], [' ', 'source.schemec'],
    ['+', 'keyword.operator.arithmetic.schemec'], [' ', 'source.schemec'], ['且分', 'variable.other.schemec']]],
  ['  分数 score', [['  ', 'source.schemec'], ['分数', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['score', 'variable.other.schemec']]],
  ['输出 score，total，等次', [['输出', 'keyword.other.statement.schemec'], [' ', 'source.schemec'], ['score', 'variable.other.schemec'], ['，', 'punctuation.separator.schemec'], ['total', 'variable.other.schemec'], ['，', 'punctuation.separator.schemec'], ['等次', 'variable.language.result.schemec']]],
  ['pool「资金池」 = funds × 10%', [['pool', 'variable.other.definition.schemec'], ['「资金池」', 'string.quoted.other.label.schemec'], [' ', 'source.schemec'], ['=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'], ['funds', 'variable.other.schemec'], [' ', 'source.schemec'], ['×', 'keyword.operator.arithmetic.schemec'], [' ', 'source.schemec'], ['10%', 'constant.numeric.percent.schemec']]],
  ['分配 pay { 总额 amount  权重 weight  按 unit }', [['分配', 'keyword.other.statement.schemec'], [' ', 'source.schemec'], ['pay', 'entity.name.type.block.schemec'], [' ', 'source.schemec'], ['{', 'punctuation.section.block.begin.schemec'], [' ', 'source.schemec'], ['总额', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['amount', 'variable.other.schemec'], ['  ', 'source.schemec'], ['权重', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['weight', 'variable.other.schemec'], ['  ', 'source.schemec'], ['按', 'keyword.other.clause.schemec'], [' unit ', 'source.schemec'], ['}', 'punctuation.section.block.end.schemec']]],
  ['  max_2「每站至多2名」: per station count <= 2', [['  ', 'source.schemec'], ['max_2', 'variable.other.definition.schemec'], ['「每站至多2名」', 'string.quoted.other.label.schemec'], [':', 'punctuation.separator.schemec'], [' ', 'source.schemec'], ['per', 'keyword.other.clause.schemec'], [' station ', 'source.schemec'], ['count', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['<=', 'keyword.operator.comparison.schemec'], [' ', 'source.schemec'], ['2', 'constant.numeric.decimal.schemec']]],
  ['input staff key id period quarter min 3 {', [['input', 'keyword.other.statement.schemec'], [' ', 'source.schemec'], ['staff', 'entity.name.type.block.schemec'], [' ', 'source.schemec'], ['key', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['id', 'variable.other.schemec'], [' ', 'source.schemec'], ['period', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['quarter', 'variable.other.schemec'], [' ', 'source.schemec'], ['min', 'keyword.other.clause.schemec'], [' ', 'source.schemec'], ['3', 'constant.numeric.decimal.schemec'], [' ', 'source.schemec'], ['{', 'punctuation.section.block.begin.schemec']]],
  ['reason "unclosed', [['reason', 'keyword.control.schemec'], [' ', 'source.schemec'], ['"', 'punctuation.definition.string.begin.schemec'],
    ['unclosed', 'string.quoted.double.schemec']]],
];

function checkGolden(grammar) {
  for (const [line, expected] of GOLDEN) {
    const { tokens } = grammar.tokenizeLine(line, vsctm.INITIAL);
    const got = tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      fail(`golden line '${line}'`, `\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`);
    }
  }
}

(async () => {
  const k = extract();
  const grammar = await loadGrammar();
  const files = [...findSchemes(path.join(root, 'schemes')), ...findSchemes(path.join(root, 'docs', 'examples'))];
  const total = { keyword: 0, string: 0, number: 0, comment: 0 };
  for (const f of files) {
    const c = checkFile(grammar, f, k);
    for (const key of Object.keys(total)) total[key] += c[key];
  }
  checkGolden(grammar);
  if (files.length < 20) fail('schemes', `only ${files.length} scheme files found under schemes/ and docs/examples/`);
  console.log(`grammar: ${files.length} schemes tokenized; checked ${total.keyword} keywords and types, ${total.string} texts, ` +
              `${total.number} numbers, ${total.comment} comments; ${GOLDEN.length} golden lines`);
  if (failures > 0) {
    console.error(`grammar: ${failures} failure(s)`);
    process.exit(1);
  }
})().catch((e) => {
  console.error(`grammar: ${e.stack || e}`);
  process.exit(1);
});
