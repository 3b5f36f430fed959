//! Span map: where each field and list element of a RON file starts, by path.
//!
//! serde forgets positions once a value is deserialized, so after a successful parse we scan
//! the text once more with a small tokenizer and record, for each path such as
//! `versions[2].parts[0].penalty`, the line and column where that value begins. Later
//! checks can then point at the exact value they reject.

use std::collections::HashMap;

/// Start of a value: 1-based line and column, and how many characters it spans on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    pub width: usize,
}

#[derive(Debug, Default, Clone)]
pub struct SpanMap {
    starts: HashMap<String, Pos>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    Str,
    Open(char),
    Close,
    Comma,
    Colon,
    Other,
}

#[derive(Debug)]
struct Token {
    kind: Tok,
    text_start: usize,
    text_end: usize,
    pos: Pos,
}

struct Frame {
    path: String,
    is_list: bool,
    index: usize,
    key: Option<String>,
}

impl SpanMap {
    /// Scans `text`. Never fails: unbalanced or odd input just yields fewer entries.
    pub fn scan(text: &str) -> SpanMap {
        let tokens = tokenize(text);
        let mut map = SpanMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        // Path of the value whose struct name was just read (`Version` in `Version(`).
        let mut pending_struct: Option<String> = None;
        let mut i = 0;
        while i < tokens.len() {
            let tok = &tokens[i];
            match tok.kind {
                Tok::Comma => {
                    if let Some(top) = stack.last_mut() {
                        if top.is_list {
                            top.index += 1;
                        } else {
                            top.key = None;
                        }
                    }
                    pending_struct = None;
                }
                Tok::Colon => {}
                Tok::Close => {
                    stack.pop();
                    pending_struct = None;
                }
                Tok::Ident | Tok::Str
                    if !stack.last().is_some_and(|f| f.is_list)
                        && tokens.get(i + 1).is_some_and(|t| t.kind == Tok::Colon) =>
                {
                    // A field name: remember it for the value that follows.
                    let raw = &text[tok.text_start..tok.text_end];
                    let key = raw.trim_matches('"').to_string();
                    if let Some(top) = stack.last_mut() {
                        top.key = Some(key);
                    }
                    i += 2;
                    continue;
                }
                Tok::Open(c) => {
                    let path = match pending_struct.take() {
                        Some(path) => path,
                        None => {
                            let path = value_path(&stack);
                            map.record(&path, tok.pos);
                            path
                        }
                    };
                    stack.push(Frame {
                        path,
                        is_list: c == '[',
                        index: 0,
                        key: None,
                    });
                }
                Tok::Ident | Tok::Str | Tok::Other => {
                    let path = value_path(&stack);
                    map.record(&path, tok.pos);
                    if tok.kind == Tok::Ident
                        && tokens.get(i + 1).is_some_and(|t| t.kind == Tok::Open('('))
                    {
                        pending_struct = Some(path);
                    }
                }
            }
            i += 1;
        }
        map
    }

    fn record(&mut self, path: &str, pos: Pos) {
        self.starts.entry(path.to_string()).or_insert(pos);
    }

    /// Position of `path`, or of its nearest recorded ancestor.
    pub fn get(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.starts.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

fn value_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => String::new(),
        Some(top) if top.is_list => format!("{}[{}]", top.path, top.index),
        Some(top) => match &top.key {
            Some(key) if top.path.is_empty() => key.clone(),
            Some(key) => format!("{}.{}", top.path, key),
            // Inside `Some(x)` or a tuple variant the value keeps its field's path.
            None => top.path.clone(),
        },
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0;
    // Advances over chars[i], tracking line and column.
    macro_rules! bump {
        () => {{
            if chars[i].1 == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            i += 1;
        }};
    }
    while i < chars.len() {
        let (start, c) = chars[i];
        let pos = Pos {
            line,
            col,
            width: 1,
        };
        let next = chars.get(i + 1).map(|x| x.1);
        if c.is_whitespace() {
            bump!();
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i].1 != '\n' {
                bump!();
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < chars.len() {
                let (c, n) = (chars[i].1, chars.get(i + 1).map(|x| x.1));
                if c == '/' && n == Some('*') {
                    depth += 1;
                    bump!();
                    bump!();
                } else if c == '*' && n == Some('/') {
                    depth -= 1;
                    bump!();
                    bump!();
                    if depth == 0 {
                        break;
                    }
                } else {
                    bump!();
                }
            }
        } else if c == '"' || (c == 'r' && matches!(next, Some('"') | Some('#'))) {
            let (line0, col0) = (line, col);
            let raw_hashes = if c == 'r' {
                bump!();
                let mut n = 0;
                while i < chars.len() && chars[i].1 == '#' {
                    n += 1;
                    bump!();
                }
                Some(n)
            } else {
                None
            };
            bump!(); // opening quote
            while i < chars.len() {
                let c = chars[i].1;
                if raw_hashes.is_none() && c == '\\' {
                    bump!();
                    if i < chars.len() {
                        bump!();
                    }
                    continue;
                }
                bump!();
                if c == '"' {
                    let need = raw_hashes.unwrap_or(0);
                    let mut have = 0;
                    while have < need && i < chars.len() && chars[i].1 == '#' {
                        have += 1;
                        bump!();
                    }
                    if have == need {
                        break;
                    }
                }
            }
            let end = chars.get(i).map_or(text.len(), |x| x.0);
            let width = if line == line0 { col - col0 } else { 1 };
            out.push(Token {
                kind: Tok::Str,
                text_start: start,
                text_end: end,
                pos: Pos {
                    line: line0,
                    col: col0,
                    width,
                },
            });
        } else if c.is_alphanumeric() || c == '_' || c == '-' || c == '+' || c == '.' {
            let col0 = col;
            while i < chars.len() {
                let c = chars[i].1;
                if c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.') {
                    bump!();
                } else {
                    break;
                }
            }
            let end = chars.get(i).map_or(text.len(), |x| x.0);
            let kind = if c.is_alphabetic() || c == '_' {
                Tok::Ident
            } else {
                Tok::Other
            };
            out.push(Token {
                kind,
                text_start: start,
                text_end: end,
                pos: Pos {
                    line,
                    col: col0,
                    width: col - col0,
                },
            });
        } else {
            let kind = match c {
                '(' | '[' | '{' => Tok::Open(c),
                ')' | ']' | '}' => Tok::Close,
                ',' => Tok::Comma,
                ':' => Tok::Colon,
                _ => Tok::Other,
            };
            bump!();
            out.push(Token {
                kind,
                text_start: start,
                text_end: start + c.len_utf8(),
                pos,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"// comment with ( and "
Provision(
    code: "cc1997",
    versions: [
        Version(valid_from: "1998-01-01", parts: [Part(part: "1"), Part(part: "2")]),
        Version(
            valid_from: "2006-03-17",
            title: "a (tricky) \"title\", with commas",
            valid_to: Some("2013-07-20"),
        ),
    ],
)
"#;

    #[test]
    fn finds_nested_fields() {
        let m = SpanMap::scan(SAMPLE);
        let at = |p: &str| m.get(p).map(|p| (p.line, p.col));
        assert_eq!(at("code"), Some((3, 11)));
        assert_eq!(at("versions[0]"), Some((5, 9)));
        assert_eq!(at("versions[0].parts[1].part"), Some((5, 79)));
        assert_eq!(at("versions[1].valid_from"), Some((7, 25)));
        assert_eq!(at("versions[1].valid_to"), Some((9, 23)));
        assert_eq!(m.get("versions[1].valid_from").unwrap().width, 12);
    }

    #[test]
    fn falls_back_to_ancestor() {
        let m = SpanMap::scan(SAMPLE);
        assert_eq!(
            m.get("versions[1].nonexistent"),
            m.get("versions[1]"),
            "unknown leaf resolves to its parent"
        );
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "(((",
            ")))",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "a: : ,,]",
        ] {
            let _ = SpanMap::scan(text);
        }
    }
}
