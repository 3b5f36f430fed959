//! The stable JSON form of an answer: the serde shape of [`Answer`], pretty-printed.
//!
//! Programs (the CLI's `--format json`, the web API, MCP) all read this one form.

use crate::exec::Answer;

/// The answer as a JSON value, the form the API layers hand on.
pub fn value(answer: &Answer) -> serde_json::Value {
    serde_json::to_value(answer).unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }))
}

/// The same text as [`render`], appended to `buf`: servers serialize straight into the
/// response body instead of building a `String` and copying it.
pub fn write(answer: &Answer, buf: &mut Vec<u8>) {
    let start = buf.len();
    if serde_json::to_writer_pretty(&mut *buf, answer).is_err() {
        buf.truncate(start);
        buf.extend_from_slice(render(answer).as_bytes());
        return;
    }
    buf.push(b'\n');
}

/// Pretty-printed with a final newline, as the CLI prints it.
pub fn render(answer: &Answer) -> String {
    let mut s =
        serde_json::to_string_pretty(answer).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
