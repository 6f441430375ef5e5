#!/usr/bin/env node
// Writes syntaxes/schemec.tmLanguage.json from the language's source of truth, so that the keyword lists
// of the highlighting cannot drift from the parser:
//   grammar/lexical.hpp, grammar/rules.hpp   every keyword (word< … >) in all its spellings, the operators
//   stdlib/*.cpp                              the built-in functions' names (table.add / date_function)
//   interpreter/check/checker.hpp             the built-in result columns' names (grade, reasons, vetoed …)
// Usage: node scripts/generate_grammar.js            write the grammar
//        node scripts/generate_grammar.js --check    exit 1 when the checked-in grammar differs
// The test (test/grammar_test.js) uses extract() too, to know which words are keywords.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..', '..');
const out = path.resolve(__dirname, '..', 'syntaxes', 'schemec.tmLanguage.json');

function read(rel) {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

// The body of `struct NAME : … {};` (one declaration, possibly over several lines).
function structBodies(text) {
  const bodies = new Map();
  const re = /struct\s+(\w+)\s*:\s*([\s\S]*?)\{\s*\};/g;
  let m;
  while ((m = re.exec(text)) !== null) bodies.set(m[1], m[2]);
  return bodies;
}
function pegtlStrings(body) {
  return [...body.matchAll(/TAO_PEGTL_STRING\("((?:[^"\\]|\\.)*)"\)/g)].map((m) => JSON.parse(`"${m[1]}"`));
}
function oneChars(body) {
  const chars = [];
  for (const m of body.matchAll(/(?:one|two)<\s*((?:'(?:[^'\\]|\\.)'\s*,?\s*)+)>/g)) {
    const doubled = m[0].startsWith('two');
    for (const c of m[1].matchAll(/'((?:[^'\\]|\\.))'/g)) chars.push(doubled ? c[1] + c[1] : c[1]);
  }
  return chars;
}
function kwNames(body) {
  return [...body.matchAll(/\b(kw_\w+)\b/g)].map((m) => m[1]);
}

function extract() {
  const structs = new Map([...structBodies(read('grammar/lexical.hpp')), ...structBodies(read('grammar/rules.hpp'))]);
  const words = new Map();  // struct name -> spellings, for every word< … >
  for (const [name, body] of structs) {
    if (/^\s*word</.test(body)) words.set(name, pegtlStrings(body));
  }
  const spell = (names) => [...new Set(names.flatMap((n) => words.get(n) || []))];

  // Reserved words (struct reserved), by role.
  const reserved = kwNames(structs.get('reserved'));
  const logical = ['kw_and', 'kw_or', 'kw_not', 'kw_in'];
  const constants = ['kw_true', 'kw_false'];
  const control = reserved.filter((n) => !logical.includes(n) && !constants.includes(n));

  // The words that start a statement: those of statement_start, a block head's keyword(s), and 计算/let.
  const statementNames = new Set(['kw_let']);
  for (const part of structs.get('statement_start').split(/[<>,]/).map((s) => s.trim()).filter(Boolean)) {
    if (part.startsWith('kw_')) statementNames.add(part);
    else if (part.endsWith('_head')) {
      const head = structs.get(part);
      const first = head.split('sep')[0];
      for (const n of kwNames(first)) statementNames.add(n);
    }
  }
  // The statement keywords followed by the name they declare: 输入 NAME, 参数 NAME, 加分 NAME, 分配 NAME …
  // and the clause keywords followed by a name: 键 id, 期间 quarter, 分数 score, 评分人 rater_id …
  const naming = new Set();
  const namingClause = new Set();
  for (const body of structs.values()) {
    const m = /^\s*seq<\s*(kw_\w+|sor<[^>]*>)\s*,\s*sep\s*,\s*(?:(?:list<\s*)?must<\s*expect_name\s*>|declared_name\b|identifier\b)/.exec(body);
    if (m) for (const n of kwNames(m[1])) (statementNames.has(n) ? naming : namingClause).add(n);
  }
  // and the statement keywords followed by names they use: 输出 score，total · 删除 旷工
  const listing = new Set();
  for (const body of structs.values()) {
    const m = /^\s*seq<\s*(kw_\w+)\s*,\s*sep\s*,\s*(?:list<\s*)?must<\s*expect_(?:output_item|remove_target)\s*>/.exec(body);
    if (m) listing.add(m[1]);
  }
  // and the clause keywords followed by a formula: 上限 8, 权重 score - 80, 范围 等次 属于 (…), 比例 15% …
  // (权重 按: a keyword may follow 权重 in a dimension's weight table)
  const exprClause = new Set();
  for (const body of structs.values()) {
    const m = /^\s*seq<\s*(kw_\w+)\s*,\s*sep\s*,\s*(?:opt<\s*colon\s*,\s*sep\s*>\s*,\s*)?must<\s*expect_expr\s*>/.exec(body);
    if (m && !reserved.includes(m[1])) exprClause.add(m[1]);
  }
  const afterClause = kwNames(structs.get('weight_table_head')).slice(1);
  const types = [...words.keys()].filter((n) => n.startsWith('kw_t_'));
  const builtinNames = [...words.keys()].filter((n) => n.startsWith('kw_b_'));
  const checker = read('interpreter/check/checker.hpp');
  const builtin = new Set(spell(builtinNames));
  for (const m of checker.matchAll(/inline const std::vector<std::string> \w+_aliases = \{([^}]*)\}/g)) {
    for (const s of m[1].matchAll(/"([^"]*)"/g)) builtin.add(s[1]);
  }
  // Functions: the stdlib's table and the aggregates; a call is a name touching '(' or '（'.
  const functions = new Set(spell(['agg_only_name', 'rank_name', 'agg_either_name']));
  for (const file of fs.readdirSync(path.join(root, 'stdlib')).filter((f) => f.endsWith('.cpp')).sort()) {
    const text = read(`stdlib/${file}`);
    for (const m of text.matchAll(/(?:table\.add\(\{\{|date_function\(\{)((?:"[^"]*"\s*,?\s*)+)\}/g)) {
      for (const s of m[1].matchAll(/"([^"]*)"/g)) functions.add(s[1]);
    }
  }
  const lints = read('interpreter/check/check_lints.cpp');
  for (const m of lints.matchAll(/const std::vector<std::string> (?:weight|points)_names = \{([^}]*)\}/g)) {
    for (const s of m[1].matchAll(/"([^"]*)"/g)) functions.add(s[1]);
  }

  // Every other keyword is a clause keyword (key, per, quota, weight, 按, 比例 …): contextual, a value may
  // still be called `weight`; highlighted only where it is not written as a name (see the grammar below).
  const taken = new Set([...reserved, ...statementNames, ...types, ...builtinNames, 'agg_only_name', 'rank_name', 'agg_either_name']);
  const clause = new Set(spell([...words.keys()].filter((n) => !taken.has(n))));
  for (const s of pegtlStrings(structs.get('agg_excluding_self'))) {
    for (const w of s.split(/\s+/)) clause.add(w);
  }
  for (const s of pegtlStrings(structs.get('range_dots'))) {
    if (/^[\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/.test(s)) clause.add(s);
  }

  const ops = (names) => [...new Set(names.flatMap((n) => [...pegtlStrings(structs.get(n)), ...oneChars(structs.get(n))]))]
    .filter((s) => !/^[\u3400-\u9FFF]+$/.test(s));
  const result = {
    logical: spell(logical),
    constants: spell(constants),
    control: spell(control),
    statement: spell([...statementNames]),
    naming: spell([...naming]),
    namingClause: spell([...namingClause]),
    exprClause: spell([...exprClause]),
    listing: spell([...listing]),
    afterClause: spell(afterClause),
    types: spell(types.filter((n) => n !== 'kw_optional')),
    optional: spell(['kw_optional']),
    builtin: [...builtin],
    functions: [...functions],
    clause: [...clause],
    arrow: ops(['arrow']),
    compare: ops(['op_ge', 'op_le', 'op_ne', 'op_eq', 'op_gt', 'op_lt']),
    arithmetic: ops(['op_add', 'minus_sign', 'op_mul', 'op_div']),
    range: ops(['range_dots']),
    percent: ops(['percent_sign']),
    separator: ops(['colon', 'comma', 'semicolon']),
  };
  for (const [k, v] of Object.entries(result)) {
    if (v.length === 0) throw new Error(`generate_grammar: found no ${k} in the sources: has the grammar's layout changed?`);
  }
  return result;
}

// ---- The grammar ------------------------------------------------------------------------------------
const IDENT = '[A-Za-z0-9_\\x{4E00}-\\x{9FFF}\\x{3400}-\\x{4DBF}\\x{F900}-\\x{FAFF}\\x{3007}]';
const IDENT_FIRST = '[A-Za-z_\\x{4E00}-\\x{9FFF}\\x{3400}-\\x{4DBF}\\x{F900}-\\x{FAFF}\\x{3007}]';
const NAME = `${IDENT_FIRST}${IDENT}*`;
const SP = '[ \\t\\x{3000}]';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
// Longest first, so that an alternation never stops at a shorter spelling ('>=' before '>').
const alt = (list) => [...new Set(list)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).map(escape).join('|');
const word = (list) => `(?<!${IDENT})(?:${alt(list)})(?!${IDENT})`;
// Where a word is written as a name: declared (name: / name = / name「label」) or read from a table (t.x).
const DEFINED = `(?!${SP}*(?:[:：.．]|[=＝](?![=>＞])|[「“"『]))`;

function grammar(k) {
  const notName = [...k.logical, ...k.constants, ...k.control, ...k.builtin];
  const operand = `(?!(?:${alt(notName)})(?!${IDENT}))${NAME}(?![(（]|${IDENT})`;
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'schemec',
    scopeName: 'source.schemec',
    comment: 'GENERATED by editors/vscode/scripts/generate_grammar.js from grammar/*.hpp, stdlib/*.cpp and interpreter/check/*: do not edit by hand.',
    fileTypes: ['scheme'],
    patterns: [
      { include: '#comment' },
      { include: '#string' },
      { include: '#statement' },
      { include: '#type' },
      { include: '#operand' },
      { include: '#keyword' },
      { include: '#number' },
      { include: '#operator' },
      { include: '#punctuation' },
    ],
    repository: {
      comment: {
        patterns: [
          { name: 'comment.line.number-sign.schemec', match: '#.*$' },
          { name: 'comment.line.double-slash.schemec', match: '//.*$' },
        ],
      },
      string: {
        patterns: [
          // A text right after a declared name is its label: id「编号」：文本, total「总分」 = …, pool「资金池」 = …
          {
            match: `(?<!${IDENT})(?!(?:${alt(notName)})(?!${IDENT}))(${NAME})(${SP}*)(「[^」\\r\\n]*」|“[^”\\r\\n]*”|"[^"\\r\\n]*"|『[^』\\r\\n]*』)(?=${SP}*(?:[:：]|[=＝](?![=>＞])))`,
            captures: { 1: { name: 'variable.other.definition.schemec' }, 3: { name: 'string.quoted.other.label.schemec' } },
          },
          {
            match: `(?<!${IDENT})(?!(?:${alt([...notName, ...k.statement])})(?!${IDENT}))(${NAME})(${SP}*)(「[^」\\r\\n]*」|“[^”\\r\\n]*”|"[^"\\r\\n]*"|『[^』\\r\\n]*』)`,
            captures: { 1: { name: 'variable.other.definition.schemec' }, 3: { name: 'string.quoted.other.label.schemec' } },
          },
          quoted('「', '」', 'string.quoted.other.corner.schemec'),
          quoted('『', '』', 'string.quoted.other.white-corner.schemec'),
          quoted('“', '”', 'string.quoted.double.curly.schemec'),
          quoted('"', '"', 'string.quoted.double.schemec'),
        ],
      },
      statement: {
        patterns: [
          // 加分 NAME, 维度 NAME, 分配 NAME, 评分 NAME, 映射 NAME, 输入 NAME, 参数 NAME at the start of a statement
          {
            match: `(?:^|(?<=[;；]))(${SP}*)(${word(k.naming)})(${SP}+)(?!(?:${alt([...k.clause, ...k.control, ...k.statement])})(?!${IDENT}))(${NAME})(?![(（]|${IDENT})`,
            captures: { 2: { name: 'keyword.other.statement.schemec' }, 4: { name: 'entity.name.type.block.schemec' } },
          },
          {
            match: `(?:^|(?<=[;；]))(${SP}*)(${word(k.listing)})(${SP}+)(${operand})`,
            captures: { 2: { name: 'keyword.other.statement.schemec' }, 4: { name: 'variable.other.schemec' } },
          },
          {
            match: `(?:^|(?<=[;；]))(${SP}*)(${word(k.statement)})(?=${SP}*(?:[{｛]|$|#|//|${IDENT_FIRST}|[「“"『]))`,
            captures: { 2: { name: 'keyword.other.statement.schemec' } },
          },
        ],
      },
      type: {
        patterns: [
          {
            match: `([:：])(${SP}*)(?:(${word(k.optional)})(${SP}+))?(${word(k.types)})`,
            captures: {
              1: { name: 'punctuation.separator.colon.schemec' },
              3: { name: 'storage.modifier.optional.schemec' },
              5: { name: 'storage.type.schemec' },
            },
          },
        ],
      },
      operand: {
        // A name after an operator, '(' or a reserved word is a value, whatever it is called: total = score + 1
        patterns: [
          // after ':' a clause keyword followed by a name is a keyword: 每站至多2名: 按 station 人数 <= 2
          {
            match: `(${alt([...k.separator.filter((s) => /[:：]/.test(s)), '{', '｛'])})(${SP}*)(?!(?:${alt(k.clause)})${SP}+(?:${IDENT}|[「“"『(（]))(${operand})`,
            captures: { 1: { patterns: [{ include: '#punctuation' }] }, 3: { name: 'variable.other.schemec' } },
          },
          {
            match: `(${alt([...k.arithmetic, ...k.compare, ...k.separator.filter((s) => !/[:：]/.test(s)), '(', '（'])})(${SP}*)(${operand})`,
            captures: { 1: { patterns: [{ include: '#operator' }, { include: '#punctuation' }] }, 3: { name: 'variable.other.schemec' } },
          },
          {
            // (not a clause keyword after a direction: 名次（a 降序，b 升序 按 unit）)
            match: `(${word([...k.logical, ...k.control])})(${SP}+)(?!(?:${alt(k.clause)})${SP}+${IDENT})(${operand})`,
            captures: { 1: { name: 'keyword.control.schemec' }, 3: { name: 'variable.other.schemec' } },
          },
        ],
      },
      keyword: {
        patterns: [
          {
            match: `(?<![.．])(${word(k.namingClause)})(${SP}+)(${operand})`,
            captures: { 1: { name: 'keyword.other.clause.schemec' }, 3: { name: 'variable.other.schemec' } },
          },
          {
            match: `(?<![.．])(${word(k.exprClause)})(${SP}+)(?!(?:${alt(k.afterClause)})(?!${IDENT}))(${operand})`,
            captures: { 1: { name: 'keyword.other.clause.schemec' }, 3: { name: 'variable.other.schemec' } },
          },
          { name: 'keyword.operator.logical.schemec', match: word(k.logical) },
          { name: 'constant.language.boolean.schemec', match: word(k.constants) },
          { name: 'keyword.control.schemec', match: word(k.control) },
          { name: 'support.function.builtin.schemec', match: `(?<!${IDENT}|[.．])(?:${alt(k.functions)})(?=[(（])` },
          { name: 'entity.name.function.schemec', match: `(?<!${IDENT}|[.．])${NAME}(?=[(（])` },
          { name: 'variable.language.result.schemec', match: `(?<![.．])${word(k.builtin)}` },
          { name: 'keyword.other.clause.schemec', match: `(?<![.．])${word(k.clause)}${DEFINED}` },
          { name: 'keyword.other.statement.schemec', match: `(?<![.．])${word(k.statement)}${DEFINED}` },
        ],
      },
      number: {
        patterns: [
          { name: 'constant.numeric.date.schemec', match: `(?<!${IDENT})[0-9]{4}-[0-9]{2}-[0-9]{2}(?!${IDENT})` },
          { name: 'constant.numeric.percent.schemec', match: `(?<!${IDENT})[0-9]+(?:\\.[0-9]+)?(?:${alt(k.percent)})` },
          { name: 'constant.numeric.decimal.schemec', match: `(?<!${IDENT})[0-9]+(?:\\.[0-9]+)?` },
          // Full-width digits are not numbers in a scheme (only in data cells): shown as an error.
          { name: 'invalid.illegal.fullwidth-digit.schemec', match: '[０-９]+(?:[.．][０-９]+)?' },
        ],
      },
      operator: {
        patterns: [
          { name: 'keyword.operator.arrow.schemec', match: alt(k.arrow) },
          { name: 'keyword.operator.comparison.schemec', match: alt(k.compare) },
          { name: 'keyword.operator.range.schemec', match: alt(k.range) },
          { name: 'keyword.operator.arithmetic.schemec', match: alt(k.arithmetic) },
        ],
      },
      punctuation: {
        patterns: [
          { name: 'punctuation.section.block.begin.schemec', match: '[{｛]' },
          { name: 'punctuation.section.block.end.schemec', match: '[}｝]' },
          { name: 'punctuation.section.parens.schemec', match: '[()（）]' },
          { name: 'punctuation.separator.schemec', match: alt(k.separator) },
        ],
      },
    },
  };
}

// A text closes on its line: an unclosed one ends at the line's end (the parser reports it there).
function quoted(open, close, name) {
  return {
    name,
    begin: escape(open),
    end: `${escape(close)}|$`,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.schemec' } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end.schemec' } },
  };
}

function render() {
  return JSON.stringify(grammar(extract()), null, 2) + '\n';
}

module.exports = { extract, render, out };

if (require.main === module) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(root, out)} differs from what scripts/generate_grammar.js makes of grammar/*.hpp and stdlib/:`);
      console.error('run: node editors/vscode/scripts/generate_grammar.js (and commit the result)');
      process.exit(1);
    }
    console.log('grammar: up to date');
  } else {
    fs.writeFileSync(out, text);
    console.log(`wrote ${path.relative(root, out)}`);
  }
}
