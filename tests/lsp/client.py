#!/usr/bin/env python3
"""ctest `lsp`: a scripted Language Server Protocol client for `schemec lsp` (docs/language.md §33).

Starts the binary, initializes (UTF-16 positions), opens a broken child of fixtures/base.scheme from memory
(汉字 and an astral character 𠀀 before the error columns, so columns in UTF-16 units differ from code points
and bytes) and checks every diagnostic's exact range and message; fixes it by didChange and gets no
diagnostics; then hover, definition into the 继承 parent, completion, documentSymbol, formatting; malformed
JSON and a header without Content-Length (ParseError, the server goes on); an unknown method; and the exit
codes: 0 after shutdown + exit, 1 for exit without shutdown.
Usage: client.py path/to/schemec
"""
import json
import re
import os
import queue
import subprocess
import sys
import threading

SCHEMEC = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
CHILD_URI = "file://" + FIXTURES + "/broken.scheme"  # never written: the editor's unsaved buffer
BASE_URI = "file://" + FIXTURES + "/base.scheme"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Server:
    def __init__(self):
        self.proc = subprocess.Popen([SCHEMEC, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(out.read(length).decode("utf-8")))

    def send_raw(self, body: bytes):
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send_raw(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}, ensure_ascii=False).encode("utf-8"))

    def request(self, method, params):
        self.next_id += 1
        self.send_raw(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}, ensure_ascii=False).encode("utf-8"))
        return self.wait(lambda m: m.get("id") == self.next_id)

    def wait(self, pred):
        while True:
            m = self.messages.get(timeout=60)
            if m is None:
                raise SystemExit("FAIL: the server closed its output")
            if pred(m):
                return m

    def diagnostics(self):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]

    def finish(self):
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)


def rng(l1, c1, l2, c2):
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


# Two syntax errors (recovery at the next block): a misspelt keyword, full-width digits after 汉字.
BROKEN_SYNTAX = """继承 「base.scheme」
# 说明：增补字 𠀀 在错误之前
奖励 = 若 major_mistake 则 0 否则 5
一票否绝 {
  迟到：absent_days > 3 理由 「迟到」
}
等次 {
  优秀：total >= ６０
}
"""
EXPECTED_SYNTAX = [
    (rng(3, 0, 3, 4), 1, "unknown word '一票否绝': did you mean '一票否决' (veto)?\n"
     "a value is declared as 'name = formula'; a line that is not part of the scheme is commented out with #"),
    (rng(7, 14, 7, 16), 1, "full-width digits '６０': write 60\n"
     "formulas take ASCII digits and operators; switch the input method to half-width (半角)"),
]
# Three check errors; on line 4 the astral 𠀀 (two UTF-16 units) comes before both columns.
BROKEN_CHECK = """继承 「base.scheme」
# 说明：增补字 𠀀 在错误之前
奖励 = 若 major_mistake 则 0 否则 5
备注 = 「𠀀」 - 奖金
total = score + 奖励 × 「二」
"""
EXPECTED_CHECK = [
    (rng(4, 21, 4, 24), 1, "arithmetic needs a number, but this is text"),
    (rng(3, 12, 3, 14), 1, "unknown name '奖金'\ndid you mean '奖励'?"),
    (rng(3, 5, 3, 9), 1, "arithmetic needs a number, but this is text"),
]
FIXED = """继承 「base.scheme」
# 说明：增补字 𠀀 在错误之前
奖励 = 若 major_mistake 则 0 否则 5
total = score  +  奖励
"""


def expect_diagnostics(params, expected, version, what):
    check(params["uri"] == CHILD_URI, f"{what}: uri {params['uri']}")
    check(params.get("version") == version, f"{what}: version {params.get('version')}")
    got = [(d["range"], d["severity"], d["message"]) for d in params["diagnostics"]]
    check(len(got) == len(expected), f"{what}: {len(got)} diagnostics, expected {len(expected)}: {got}")
    for g, e in zip(got, expected):
        check(g == e, f"{what}: got {g}, expected {e}")
    for d in params["diagnostics"]:
        check(d.get("source") == "schemec", f"{what}: source {d.get('source')}")
        # a converted message carries its stable code (issue 16), none other
        check("code" not in d or re.fullmatch(r"[EW]\d{4}", d["code"]), f"{what}: code {d.get('code')}")


s = Server()
init = s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
caps = init["result"]["capabilities"]
check(caps.get("positionEncoding") == "utf-16", f"positionEncoding utf-16: {caps}")
for cap in ("hoverProvider", "definitionProvider", "completionProvider", "documentSymbolProvider", "documentFormattingProvider"):
    check(cap in caps, f"capability {cap}")
s.notify("initialized", {})

s.notify("textDocument/didOpen", {"textDocument": {"uri": CHILD_URI, "languageId": "scheme", "version": 1, "text": BROKEN_SYNTAX}})
expect_diagnostics(s.diagnostics(), EXPECTED_SYNTAX, 1, "syntax errors")
s.notify("textDocument/didChange", {"textDocument": {"uri": CHILD_URI, "version": 2}, "contentChanges": [{"text": BROKEN_CHECK}]})
expect_diagnostics(s.diagnostics(), EXPECTED_CHECK, 2, "check errors")
s.notify("textDocument/didChange", {"textDocument": {"uri": CHILD_URI, "version": 3}, "contentChanges": [{"text": FIXED}]})
expect_diagnostics(s.diagnostics(), [], 3, "fixed")

doc = {"textDocument": {"uri": CHILD_URI}}
def at(line, character):
    return {"textDocument": {"uri": CHILD_URI}, "position": {"line": line, "character": character}}

hover = s.request("textDocument/hover", at(3, 10))["result"]  # score, declared in the parent
md = hover["contents"]["value"] if hover else ""
check(md.startswith("**score** 「考评得分」 — input column of participants"), f"hover of score: {md!r}")
check("range: 0..100" in md and "type: a number" in md, f"hover of score: range and type: {md!r}")
hover = s.request("textDocument/hover", at(2, 1))["result"]  # 奖励: its formula as written
md = hover["contents"]["value"] if hover else ""
check("```scheme\n奖励 = 若 major_mistake 则 0 否则 5\n```" in md, f"hover of 奖励: {md!r}")

definition = s.request("textDocument/definition", at(3, 10))["result"]
check(definition == {"uri": BASE_URI, "range": rng(7, 2, 7, 7)}, f"definition of score in the parent: {definition}")
definition = s.request("textDocument/definition", at(3, 19))["result"]  # 奖励 after two double spaces
check(definition == {"uri": CHILD_URI, "range": rng(2, 0, 2, 2)}, f"definition of 奖励: {definition}")

items = s.request("textDocument/completion", at(3, 0))["result"]["items"]
labels = {i["label"] for i in items}
for want in ("一票否决", "veto", "等次", "grades", "absent_days", "major_mistake", "奖励", "participants"):
    check(want in labels, f"completion offers {want}")

symbols = s.request("textDocument/documentSymbol", doc)["result"]
check([(x["name"], x["kind"]) for x in symbols] == [("奖励", 13), ("total", 13)], f"documentSymbol: {symbols}")
check(symbols and symbols[0]["selectionRange"] == rng(2, 0, 2, 2), f"documentSymbol range of 奖励: {symbols[:1]}")

edits = s.request("textDocument/formatting", {**doc, "options": {"tabSize": 2, "insertSpaces": True}})["result"]
check(edits == [], f"formatting of a laid-out document: {edits}")
s.notify("textDocument/didChange", {"textDocument": {"uri": CHILD_URI, "version": 4}, "contentChanges": [{"text": FIXED + "\n\n\n"}]})
s.diagnostics()
edits = s.request("textDocument/formatting", doc)["result"]
check(edits == [{"range": rng(0, 0, 7, 0), "newText": FIXED}], f"formatting: {edits}")

# Malformed input: not JSON, a header without Content-Length; the server answers ParseError and goes on.
s.send_raw(b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", ')
bad = s.wait(lambda m: "error" in m)
check(bad["error"]["code"] == -32700 and bad["id"] is None, f"malformed JSON: {bad}")
s.proc.stdin.write(b"Content-Type: application/json\r\n\r\n")
s.proc.stdin.flush()
bad = s.wait(lambda m: "error" in m)
check(bad["error"]["code"] == -32700 and "Content-Length" in bad["error"]["message"], f"no Content-Length: {bad}")
s.send_raw(b"[" * 1000000)
bad = s.wait(lambda m: "error" in m)
check(bad["error"]["code"] == -32700 and "deep" in bad["error"]["message"], f"a million '[': {bad}")
unknown = s.request("textDocument/rename", at(0, 0))
check(unknown.get("error", {}).get("code") == -32601, f"unknown method: {unknown}")
s.notify("$/cancelRequest", {"id": 1})
check(s.request("textDocument/hover", at(0, 0)).get("error") is None, "still serving after bad input")

# An error in the 继承 parent: on the child's 继承 line (the second line here), naming the parent's position.
OTHER_URI = "file://" + FIXTURES + "/other.scheme"
s.notify("textDocument/didOpen", {"textDocument": {"uri": OTHER_URI, "version": 1,
                                                   "text": "# 子方案\n继承 「broken_parent.scheme」\ntotal2 = 1\n"}})
params = s.diagnostics()
got = [(d["range"], d["message"]) for d in params["diagnostics"]]
check(got == [(rng(1, 0, 1, 25), FIXTURES + "/broken_parent.scheme:7:17: unknown name '未知'\n"
               "declare it as an input, a parameter or 'name = formula'")], f"error in the parent: {got}")

s.notify("textDocument/didClose", doc)
check(s.diagnostics() == {"uri": CHILD_URI, "diagnostics": []}, "didClose clears the diagnostics")
check(s.request("shutdown", None).get("result", 0) is None, "shutdown answers null")
s.notify("exit", None)
code = s.finish()
check(code == 0, f"exit code after shutdown and exit: {code}")

s = Server()
s.request("initialize", {"capabilities": {}})
s.notify("exit", None)
code = s.finish()
check(code == 1, f"exit code after exit without shutdown: {code}")

help_text = subprocess.run([SCHEMEC, "lsp", "--help"], capture_output=True, text=True)
check(help_text.returncode == 0 and "Exit codes" in help_text.stdout, "lsp --help names the exit codes")
check(subprocess.run([SCHEMEC, "lsp", "extra"], capture_output=True).returncode == 2, "lsp with an argument: exit 2")

if failures:
    print(f"lsp: {len(failures)} failed", file=sys.stderr)
    sys.exit(1)
print("lsp: all passed")
