#!/usr/bin/env python3
"""Builds a mini-clone of kazakhstan-law/codes: a git history in the mirror's own layout,
one commit per version, oldest first, from files read one by one from the public mirror.

No official text is in this repository. The files are read outside it (e.g. with a
`read_file` tool, or `git show <commit>:<path>` in a real clone) into SRC, one directory
per mirror commit named by its first 7 hex digits, holding the files of the code's folder
at that commit (meta.yaml, rus/*.md):

    SRC/08c51aa/meta.yaml
    SRC/08c51aa/rus/sec006-ch001.md
    SRC/f7850e2/rus/part002-part004.md      (the flat layout has no meta.yaml)

Usage: tools/realclone.py SRC OUT   (OUT is replaced). Then:

    lexchron import OUT --out /tmp/realdata
    LEXCHRON_REAL_CLONE=OUT cargo test --test real_text -- --ignored --nocapture

Like the mirror, the nested folder of a code and its flat folder live side by side: a
version replaces only its own folder. A split version's rus.md is a table of contents,
written here from the headings of its files when SRC has none. Versions missing from SRC
are skipped. Needs git and python3; no network.
"""
import os
import re
import shutil
import subprocess
import sys

L1_97 = "02-codes/1997/0715-ugolovnyi-kodeks-respubliki-kazakhstan-8"
L2_97 = "02-codes/19970715-ugolovnyi-kodeks-respubliki-kazakhstan-8"
L1_14 = "02-codes/2014/0703-ugolovnyi-kodeks-respubliki-kazakhstan-81097"

# The versions read for the validation in BENCHMARKS.md: mirror commit, the code folder
# it changed, and its version date (meta.yaml, or the flat files' front matter).
VERSIONS = [
    ("08c51aaef6aba738ebafa5f58455ecba645af98a", L1_97, "2005-07-08"),
    ("d2d58610c4ddb3a79dff3898b96bd39386d4399d", L1_97, "2006-03-02"),
    ("f7850e24de12d9fa21d20e4b94c4f3d7716e640d", L2_97, "2015-01-01"),
    ("016484a40b816f031a580b9ce335c1225045c810", L1_14, "2014-11-07"),
    ("1a46381b2147a59f8bfffdb036f998ff2a24d61f", L1_14, "2019-01-10"),
    ("d448f1a1730ea4b4ea5d9aacb2acf427a42e6270", L1_14, "2019-12-27"),
    ("b71affc4f3e6875437ee4a1c2aff60059082fd1b", L1_14, "2025-09-16"),
]

HEADING = re.compile(r"^#*\s*((?:ОСОБЕННАЯ ЧАСТЬ|Глава|РАЗДЕЛ|Статья)\b.*)$")


def toc(texts):
    lines = [m.group(1).strip() for t in texts for l in t.splitlines() if (m := HEADING.match(l))]
    return "\n\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    def git(*args, env=None):
        subprocess.run(["git", "-C", out, *args], check=True, env=env, stdout=subprocess.DEVNULL)

    git("init", "-q", "-b", "main")
    for commit, folder, day in sorted(VERSIONS, key=lambda v: v[2]):
        here = os.path.join(src, commit[:7])
        if not os.path.isdir(here):
            print(f"skipped {day} {commit[:7]}: not in {src}")
            continue
        dest = os.path.join(out, folder)
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(here, dest)
        rus = os.path.join(dest, "rus")
        if os.path.isdir(rus) and not os.path.exists(os.path.join(dest, "rus.md")):
            texts = [open(os.path.join(rus, f)).read() for f in sorted(os.listdir(rus))]
            with open(os.path.join(dest, "rus.md"), "w") as f:
                f.write(toc(texts))
        git("add", "-A")
        stamp = day + "T12:00:00Z"
        env = dict(os.environ, GIT_AUTHOR_NAME="mirror", GIT_AUTHOR_EMAIL="mirror@example.invalid",
                   GIT_COMMITTER_NAME="mirror", GIT_COMMITTER_EMAIL="mirror@example.invalid",
                   GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp,
                   GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null")
        git("commit", "-q", "-m", f"{folder.rsplit('/', 1)[-1]} {day} (kazakhstan-law/codes {commit})", env=env)
        print(f"committed {day} {folder} {commit[:7]}")


if __name__ == "__main__":
    main()
