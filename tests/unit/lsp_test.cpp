// `schemec lsp` (interpreter/tools/lsp_*): the Content-Length framing, positions between byte offsets and
// LSP's UTF-16 / UTF-8 characters, and each feature of the server on a small scheme opened from memory beside
// its 继承 parent (tests/lsp/fixtures/base.scheme). tests/lsp/client.py drives the binary end to end.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/base/i18n.hpp"
#include "interpreter/tools/lsp_features.hpp"
#include "interpreter/tools/lsp_framing.hpp"
#include "interpreter/tools/lsp_positions.hpp"
#include "interpreter/tools/lsp_server.hpp"

using namespace schemec;
using json = nlohmann::json;

TEST_CASE("lsp positions: UTF-16 units and UTF-8 bytes, CJK one unit, astral two", "[lsp]") {
  // a(1 byte) 汉(3 bytes, 1 unit) 𠀀(4 bytes, 2 units) b ; second line after CRLF
  const std::string text = "a汉\xF0\xA0\x80\x80" "b\r\nx";
  using E = position_encoding;
  CHECK(to_lsp_position(text, 0, E::utf16) == lsp_position{0, 0});
  CHECK(to_lsp_position(text, 1, E::utf16) == lsp_position{0, 1});
  CHECK(to_lsp_position(text, 4, E::utf16) == lsp_position{0, 2});
  CHECK(to_lsp_position(text, 8, E::utf16) == lsp_position{0, 4});
  CHECK(to_lsp_position(text, 8, E::utf8) == lsp_position{0, 8});
  CHECK(to_lsp_position(text, 9, E::utf16) == lsp_position{0, 5});   // the CR: end of the line
  CHECK(to_lsp_position(text, 10, E::utf16) == lsp_position{0, 5});  // the LF
  CHECK(to_lsp_position(text, 11, E::utf16) == lsp_position{1, 0});
  CHECK(to_lsp_position(text, 99, E::utf16) == lsp_position{1, 1});
  CHECK(to_lsp_position(text, 2, E::utf16) == lsp_position{0, 1});   // inside 汉: its start
  CHECK(from_lsp_position(text, {0, 2}, E::utf16) == 4);
  CHECK(from_lsp_position(text, {0, 3}, E::utf16) == 4);   // inside the surrogate pair: the character's start
  CHECK(from_lsp_position(text, {0, 4}, E::utf16) == 8);
  CHECK(from_lsp_position(text, {0, 8}, E::utf8) == 8);
  CHECK(from_lsp_position(text, {0, 2}, E::utf8) == 1);    // inside 汉 in bytes
  CHECK(from_lsp_position(text, {0, 50}, E::utf16) == 9);  // past the line end: the line end
  CHECK(from_lsp_position(text, {1, 0}, E::utf16) == 11);
  CHECK(from_lsp_position(text, {7, 0}, E::utf16) == text.size());
  for (std::size_t i : {0u, 1u, 4u, 8u, 9u, 11u, 12u}) {
    CHECK(from_lsp_position(text, to_lsp_position(text, i, E::utf16), E::utf16) == i);
    CHECK(from_lsp_position(text, to_lsp_position(text, i, E::utf8), E::utf8) == i);
  }
}

TEST_CASE("lsp framing: Content-Length messages, a bad header skipped, the end inside a body", "[lsp]") {
  std::istringstream in("Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:3\r\n\r\n[1]"
                        "Content-Length: many\r\n\r\nContent-Length: 10\r\n\r\n{\"a\"");
  std::string body, problem;
  REQUIRE(read_lsp_message(in, body, problem) == frame_status::message);
  CHECK(body == "{}");
  REQUIRE(read_lsp_message(in, body, problem) == frame_status::message);
  CHECK(body == "[1]");
  CHECK(read_lsp_message(in, body, problem) == frame_status::bad);
  CHECK(problem.find("Content-Length") != std::string::npos);
  CHECK(read_lsp_message(in, body, problem) == frame_status::end);
  std::ostringstream out;
  write_lsp_message(out, "{\"汉\":1}");
  CHECK(out.str() == "Content-Length: 9\r\n\r\n{\"汉\":1}");  // bytes, not characters
}

TEST_CASE("lsp name_at: names of letters, digits, _ and 汉字, cut at punctuation", "[lsp]") {
  const std::string t = "总分 = 得分_a×2（absent_days）";
  CHECK(name_at(t, 0) == "总分");
  CHECK(name_at(t, 3) == "总分");  // just after it
  CHECK(name_at(t, t.find("分_a")) == "得分_a");
  CHECK(name_at(t, t.find("days")) == "absent_days");
  CHECK(name_at(t, t.find(" =") + 1).empty());
}

namespace {

const std::string fixtures = std::string(SCHEMEC_SOURCE_DIR) + "/tests/lsp/fixtures";
const std::string child_uri = "file://" + fixtures + "/child.scheme";  // never written: the text is in memory

std::string request(int id, const std::string& method, const json& params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
}
std::string notification(const std::string& method, const json& params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}}.dump();
}
json at(int line, int character) {
  return {{"textDocument", {{"uri", child_uri}}}, {"position", {{"line", line}, {"character", character}}}};
}

// The one reply to [body], parsed.
json reply(lsp_server& server, const std::string& body) {
  std::vector<std::string> out;
  server.handle(body, out);
  REQUIRE(out.size() == 1);
  return json::parse(out[0]);
}

}  // namespace

TEST_CASE("lsp server: the features on a child scheme opened from memory beside its parent", "[lsp]") {
  lsp_server server;
  CHECK(reply(server, request(1, "textDocument/hover", at(0, 0)))["error"]["code"] == -32002);
  const json init = reply(server, request(2, "initialize", {{"capabilities", json::object()}}));
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-16");
  const std::string child =
      "继承 「base.scheme」\n"
      "\n"
      "奖励 = 若 major_mistake 则 0 否则 5   # 说明\n"
      "total = score + 奖励\n"
      "\n"
      "测试 「满分」 {\n"
      "  数据 participants {\n"
      "    id,score,absent_days,major_mistake\n"
      "    A,95,0,no\n"
      "  }\n"
      "  期望 A：等次 = 优秀\n"
      "}\n";
  const json open = reply(server, notification("textDocument/didOpen", {{"textDocument", {{"uri", child_uri}, {"languageId", "scheme"}, {"version", 1}, {"text", child}}}}));
  CHECK(open["method"] == "textDocument/publishDiagnostics");
  CHECK(open["params"]["diagnostics"] == json::array());
  CHECK(open["params"]["version"] == 1);

  SECTION("hover: label, type, range, formula") {
    const json h = reply(server, request(3, "textDocument/hover", at(3, 10)))["result"];  // score
    const std::string md = h["contents"]["value"];
    CHECK(md.find("**score** 「考评得分」 — input column of participants") == 0);
    CHECK(md.find("type: a number") != std::string::npos);
    CHECK(md.find("range: 0..100") != std::string::npos);
    CHECK(md.find("declared in " + fixtures + "/base.scheme") != std::string::npos);
    const std::string total = reply(server, request(4, "textDocument/hover", at(3, 1)))["result"]["contents"]["value"];
    CHECK(total.find("```scheme\ntotal = score + 奖励\n```") != std::string::npos);
    CHECK(reply(server, request(5, "textDocument/hover", at(1, 0)))["result"].is_null());
    // in Chinese (the locale's, --lang's or the first document's language): the same facts in Chinese words
    use_catalog_dir(std::string(SCHEMEC_BINARY_DIR) + "/locale");
    set_message_language(message_language::chinese);
    const std::string zh = reply(server, request(7, "textDocument/hover", at(3, 10)))["result"]["contents"]["value"];
    set_message_language(message_language::english);
    CHECK(zh.find("**score** 「考评得分」 — participants 表的输入列") == 0);
    CHECK(zh.find("类型：数字") != std::string::npos);
    CHECK(zh.find("取值范围：0..100") != std::string::npos);
    CHECK(zh.find("声明于 " + fixtures + "/base.scheme") != std::string::npos);
  }
  SECTION("definition: in the document, and in the 继承 parent") {
    const json own = reply(server, request(6, "textDocument/definition", at(3, 17)))["result"];  // 奖励
    CHECK(own["uri"] == child_uri);
    CHECK(own["range"] == json::parse(R"({"start":{"line":2,"character":0},"end":{"line":2,"character":2}})"));
    const json parent = reply(server, request(7, "textDocument/definition", at(2, 8)))["result"];  // major_mistake
    CHECK(parent["uri"] == "file://" + fixtures + "/base.scheme");
    CHECK(parent["range"] == json::parse(R"({"start":{"line":9,"character":2},"end":{"line":9,"character":15}})"));
  }
  SECTION("completion: both spellings of keywords, names, columns") {
    const json items = reply(server, request(8, "textDocument/completion", at(3, 0)))["result"]["items"];
    std::vector<std::string> labels;
    for (const json& i : items) labels.push_back(i["label"]);
    for (const char* want : {"一票否决", "veto", "等次", "grades", "absent_days", "奖励", "total", "participants"}) {
      CHECK(std::find(labels.begin(), labels.end(), want) != labels.end());
    }
  }
  SECTION("documentSymbol: the document's own declarations and tests") {
    const json symbols = reply(server, request(9, "textDocument/documentSymbol", {{"textDocument", {{"uri", child_uri}}}}))["result"];
    REQUIRE(symbols.size() == 3);
    CHECK(symbols[0]["name"] == "奖励");
    CHECK(symbols[1]["name"] == "total");
    CHECK(symbols[2]["name"] == "满分");
    CHECK(symbols[2]["kind"] == 6);
  }
  SECTION("formatting: one edit of the whole document; [] when laid out") {
    CHECK(reply(server, request(10, "textDocument/formatting", {{"textDocument", {{"uri", child_uri}}}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}}))["result"] == json::array());
    reply(server, notification("textDocument/didChange", {{"textDocument", {{"uri", child_uri}, {"version", 2}}}, {"contentChanges", {{{"text", "total = score   \n\n\n"}}}}}));
    const json edits = reply(server, request(11, "textDocument/formatting", {{"textDocument", {{"uri", child_uri}}}}))["result"];
    REQUIRE(edits.size() == 1);
    CHECK(edits[0]["newText"] == "total = score\n");
    CHECK(edits[0]["range"]["end"] == json::parse(R"({"line":3,"character":0})"));
  }
  SECTION("errors: unknown method, malformed JSON, bad params; shutdown") {
    CHECK(reply(server, request(12, "textDocument/rename", at(0, 0)))["error"]["code"] == -32601);
    const json bad = reply(server, "{\"jsonrpc\": \"2.0\", \"id\": 13, \"method\": ");
    CHECK(bad["error"]["code"] == -32700);
    CHECK(bad["id"].is_null());
    CHECK(reply(server, std::string(200000, '['))["error"]["code"] == -32700);  // refused before the parser recurses
    CHECK(reply(server, request(14, "textDocument/hover", {{"textDocument", 5}}))["error"]["code"] == -32602);
    std::vector<std::string> none;
    server.handle(notification("$/cancelRequest", {{"id", 3}}), none);
    CHECK(none.empty());
    CHECK(reply(server, request(15, "shutdown", nullptr))["result"].is_null());
    CHECK(reply(server, request(16, "textDocument/hover", at(0, 0)))["error"]["code"] == -32600);
    server.handle(notification("exit", nullptr), none);
    CHECK(server.exit_received());
  }
}

TEST_CASE("lsp server: utf-8 positions when the client offers them", "[lsp]") {
  lsp_server server;
  const json init = reply(server, request(1, "initialize", {{"capabilities", {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}}}}));
  CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-8");
  const json open = reply(server, notification("textDocument/didOpen", {{"textDocument", {{"uri", child_uri}, {"version", 1}, {"text", "继承 「base.scheme」\n奖励 = 未知名\n"}}}}));
  const json diags = open["params"]["diagnostics"];
  REQUIRE(diags.size() >= 1);
  CHECK(diags[0]["range"]["start"] == json::parse(R"({"line":1,"character":9})"));  // 奖励 = : 6 + 3 bytes
}
