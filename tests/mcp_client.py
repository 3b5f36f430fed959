"""Drives `lexchron mcp` with the official Python MCP SDK client, as an assistant would.

Run by tests/mcp.rs:  python mcp_client.py LEXCHRON_BINARY EXPECTED_TOOLS_JSON [URL]
(LEXCHRON_TODAY, LEXCHRON_CACHE and LEXCHRON_DATA come from the environment). With a URL,
it talks Streamable HTTP to that endpoint instead of starting `lexchron mcp`.
Prints one line per check; exits 1 if any check failed.
"""

import asyncio
import json
import os
import subprocess
import sys

from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError

BINARY = sys.argv[1]
EXPECTED_TOOLS = json.loads(sys.argv[2])
URL = sys.argv[3] if len(sys.argv) > 3 else None

# Each tool call with the CLI command line that must give the same JSON answer.
CASES = [
    ("show", {"ref": "cc1997:128", "at": "2005-06-01"}, ["show", "cc1997:128", "--at", "2005-06-01"]),
    ("show", {"ref": "128", "at": "2016"}, ["show", "128", "--at", "2016"]),
    ("history", {"ref": "cc1997:128"}, ["history", "cc1997:128"]),
    ("covers", {"topic": "labor-trafficking", "at": "2008"}, ["covers", "labor-trafficking", "--at", "2008"]),
    ("penalty", {"ref": "cc2014:128", "at": "today"}, ["penalty", "cc2014:128", "--at", "today"]),
    ("lineage", {"ref": "cc1997:128"}, ["lineage", "cc1997:128"]),
    ("diff", {"ref": "cc1997:128", "from": "2003", "to": "2016"}, ["diff", "cc1997:128", "2003", "2016"]),
    ("acts", {}, ["acts"]),
    ("topics", {}, ["topics"]),
    ("sources", {"ref": "cc1997:128"}, ["sources", "cc1997:128"]),
    ("gravity", {"ref": "cc1997:128", "at": "2010"}, ["gravity", "cc1997:128", "--at", "2010"]),
    ("conciliation", {"ref": "cc1997:128", "at": "2010"}, ["conciliation", "cc1997:128", "--at", "2010"]),
    ("loopholes", {"from": 2010, "to": 2026}, ["loopholes", "--from", "2010", "--to", "2026"]),
    ("loopholes", {"at": "2012"}, ["loopholes", "--at", "2012"]),
    (
        "applicable",
        {"ref": "cc1997:128", "offence": "2012-05-01", "judgment": "2016-03-01"},
        ["applicable", "cc1997:128", "--offence", "2012-05-01", "--judgment", "2016-03-01"],
    ),
    (
        "timeline",
        {"target": "child-trafficking", "from": 2003, "to": 2016},
        ["timeline", "child-trafficking", "--from", "2003", "--to", "2016"],
    ),
    ("search", {"text": "forced labour", "limit": 5}, ["search", "forced labour", "--limit", "5"]),
    (
        "ask",
        {"question": "which articles covered labor trafficking in 2008?"},
        ["ask", "which articles covered labor trafficking in 2008?"],
    ),
    ("ask", {"question": "how did article 128 change?"}, ["ask", "how did article 128 change?"]),
    ("act", {"number": "292-VI"}, ["act", "292-VI"]),
    ("amended", {"from": 2015, "to": 2024}, ["amended", "--from", "2015", "--to", "2024"]),
]

# Tools whose advertised example needs imported official texts, which the bundled data does
# not hold: on it they must fail exactly as the CLI does (see ERRORS).
NEEDS_IMPORTED_DATA = {"text"}

# Bad tool calls: each is a tool result with isError and the CLI's own stderr text.
ERRORS = [
    ("show", {"ref": "cc1997:9999"}, ["show", "cc1997:9999"]),
    ("show", {"ref": "cc1997:128", "at": "2008-13"}, ["show", "cc1997:128", "--at", "2008-13"]),
    ("diff", {"ref": "cc1997:128", "from": "2016", "to": "nonsense"}, ["diff", "cc1997:128", "2016", "nonsense"]),
    ("applicable", {"ref": "cc1997:128", "offence": "someday"}, ["applicable", "cc1997:128", "--offence", "someday"]),
    ("loopholes", {"from": 2020, "to": 2010}, ["loopholes", "--from", "2020", "--to", "2010"]),
    ("text", {"ref": "cc2014:128", "at": "2020"}, ["text", "cc2014:128", "--at", "2020"]),
    ("act", {"number": "999-XX"}, ["act", "999-XX"]),
]

# Missing or mistyped arguments: tool results with isError (no CLI twin to compare).
MALFORMED = [
    ("show", {}),
    ("show", {"ref": ["cc1997:128"]}),
    ("history", {"ref": {"article": 128}}),
    ("loopholes", {"from": "twenty", "to": 2026}),
    ("show", {"ref": "cc1997:128", "colour": "blue"}),
    ("search", {"text": "x", "limit": -3}),
]

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def cli(words):
    """The CLI's answer for the same question: (exit code, stdout, stderr)."""
    p = subprocess.run([BINARY, "--format", "json", *words], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def text_of(result):
    return "".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def session(mode):
    params = StdioServerParameters(command=BINARY, args=["mcp"], env=dict(os.environ))
    async with Client(params, mode=mode) as client:
        print(f"# mode {mode}: protocol {client.protocol_version}", flush=True)
        tools = (await client.list_tools()).tools
        names = sorted(t.name for t in tools)
        check(names == sorted(EXPECTED_TOOLS), f"[{mode}] tools/list names every query command: {names}")
        for t in tools:
            a = t.annotations
            check(a is not None and a.read_only_hint is True, f"[{mode}] {t.name} is annotated read-only")
            check(t.output_schema is not None and t.output_schema.get("type") == "object", f"[{mode}] {t.name} declares an outputSchema")
            check(bool(t.description) and "Example" in t.description, f"[{mode}] {t.name} has a description with an example")
        if mode == "legacy":
            r = await client.call_tool("show", {"ref": "cc1997:128", "at": "2005-06-01"})
            code, out, _ = cli(["show", "cc1997:128", "--at", "2005-06-01"])
            check(not r.is_error and r.structured_content == json.loads(out), f"[{mode}] show answers as the CLI does")
            r = await client.call_tool("show", {"ref": "cc1997:9999"})
            check(r.is_error, f"[{mode}] an unknown article is a tool error")
            await client.send_ping()
            check(True, f"[{mode}] ping answered after an error")
            return

        # The example each description advertises works as written.
        for t in tools:
            raw = t.description.split("Example arguments: ", 1)[1].splitlines()[0]
            r = await client.call_tool(t.name, json.loads(raw))
            if t.name not in NEEDS_IMPORTED_DATA:
                check(not r.is_error, f"advertised example of {t.name} {raw} answers")

        covered = set()
        for name, args, words in CASES:
            covered.add(name)
            r = await client.call_tool(name, args)
            code, out, err = cli(words)
            check(code == 0, f"CLI answers {' '.join(words)} (stderr: {err.strip()[:200]})")
            same = not r.is_error and r.structured_content == json.loads(out or "null")
            check(same, f"{name} {json.dumps(args)}: structuredContent equals `lexchron --format json {' '.join(words)}`")
            check(len(text_of(r).strip()) > 0, f"{name}: a text content carries the table")
        for t in tools:
            if t.name not in covered:
                # A tool added after this test was written: it must answer something sane.
                r = await client.call_tool(t.name, {})
                check(r.content is not None, f"{t.name} (no case here) answers a bare call")

        for name, args, words in ERRORS:
            r = await client.call_tool(name, args)
            code, _, err = cli(words)
            check(code != 0, f"CLI refuses {' '.join(words)}")
            check(r.is_error, f"{name} {json.dumps(args)} is a tool error")
            check(text_of(r) == err, f"{name} {json.dumps(args)}: error text equals the CLI's stderr\n  mcp: {text_of(r)!r}\n  cli: {err!r}")
            sc = r.structured_content or {}
            check(isinstance(sc.get("error"), str) and "hint" in sc, f"{name}: structured error has error and hint")

        for name, args in MALFORMED:
            r = await client.call_tool(name, args)
            check(r.is_error and text_of(r).strip() != "", f"{name} {json.dumps(args)} is a tool error with a message: {text_of(r).strip()[:120]!r}")

        # Protocol-level abuse: JSON-RPC errors, not tool results.
        for name, args, what in [
            ("no-such-tool", {}, "an unknown tool"),
            ("show", {"ref": "x" * (1024 * 1024)}, "a 1 MB argument"),
        ]:
            try:
                await client.call_tool(name, args)
                check(False, f"{what} is a JSON-RPC error")
            except MCPError as e:
                check(e.error.code in (-32602, -32600), f"{what} is a JSON-RPC error ({e.error.code}: {e.error.message[:80]})")

        # Still serving after all that.
        r = await client.call_tool("covers", {"topic": "labor-trafficking", "at": "2008"})
        code, out, _ = cli(["covers", "labor-trafficking", "--at", "2008"])
        check(not r.is_error and r.structured_content == json.loads(out), "the server still answers after the errors")


async def over_http(url, mode):
    """The same handler over Streamable HTTP: the three users' questions, an error, abuse."""
    async with Client(url, mode=mode) as client:
        print(f"# http {mode}: protocol {client.protocol_version}", flush=True)
        names = sorted(t.name for t in (await client.list_tools()).tools)
        check(names == sorted(EXPECTED_TOOLS), f"[http {mode}] tools/list names every query command")
        for name, args, words in [
            ("covers", {"topic": "labor-trafficking", "at": "2008"}, ["covers", "labor-trafficking", "--at", "2008"]),
            ("history", {"ref": "cc1997:128"}, ["history", "cc1997:128"]),
            ("loopholes", {"from": 2010, "to": 2026}, ["loopholes", "--from", "2010", "--to", "2026"]),
        ]:
            r = await client.call_tool(name, args)
            code, out, _ = cli(words)
            check(not r.is_error and r.structured_content == json.loads(out), f"[http {mode}] {name} answers as the CLI does")
        r = await client.call_tool("show", {"ref": "cc1997:9999"})
        code, _, err = cli(["show", "cc1997:9999"])
        check(r.is_error and text_of(r) == err, f"[http {mode}] an unknown article is a tool error with the CLI's text")
        try:
            await client.call_tool("no-such-tool", {})
            check(False, f"[http {mode}] an unknown tool is a JSON-RPC error")
        except MCPError as e:
            check(e.error.code == -32602, f"[http {mode}] an unknown tool is a JSON-RPC error")
        r = await client.call_tool("topics", {})
        check(not r.is_error, f"[http {mode}] still answering")


async def main():
    if URL:
        await over_http(URL, "auto")
        await over_http(URL, "legacy")
        return
    await session("auto")
    await session("legacy")


asyncio.run(main())
print(f"{len(failures)} failed", flush=True)
sys.exit(1 if failures else 0)
