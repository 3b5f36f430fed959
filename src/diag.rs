//! Diagnostics: located, hinted error reports shared by the loader, the checker and queries.
//!
//! A diagnostic carries everything needed to show it (file, line, column, the source line,
//! a hint); rendering is plain text so it reads the same in a terminal, a pipe and a test.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a data file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// The text of that line, for the caret excerpt.
    pub line_text: Option<String>,
    /// How many characters to underline.
    pub width: usize,
}

impl Location {
    /// A location with the excerpt taken from `text`.
    pub fn in_text(file: &Path, text: &str, line: usize, col: usize, width: usize) -> Self {
        let line_text = text.lines().nth(line.saturating_sub(1)).map(str::to_string);
        Location {
            file: file.to_path_buf(),
            line: line.max(1),
            col: col.max(1),
            line_text,
            width: width.max(1),
        }
    }

    /// A whole file (no position inside it).
    pub fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            line: 1,
            col: 1,
            line_text: None,
            width: 1,
        }
    }
}

/// An error (or warning) about data or input, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col` when located, for one-line listings.
    pub fn position(&self) -> Option<String> {
        self.location
            .as_ref()
            .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.col))
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-like: message, `--> file:line:col`, the line with a caret, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if let Some(loc) = &self.location {
            writeln!(f, "  --> {}:{}:{}", loc.file.display(), loc.line, loc.col)?;
            if let Some(text) = &loc.line_text {
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                // Columns count characters; tabs keep their width so the caret lines up.
                let lead: String = text
                    .chars()
                    .take(loc.col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", loc.line, text)?;
                writeln!(f, "{pad} | {lead}{}", "^".repeat(loc.width))?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Several diagnostics as one error value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_caret_under_column() {
        let text = "a: 1,\nvalid_to: \"2003-07-xx\",\n";
        let d = Diagnostic::new("bad date")
            .at(Location::in_text(Path::new("f.ron"), text, 2, 11, 12))
            .hint("write YYYY-MM-DD");
        let out = d.to_string();
        assert!(out.contains("--> f.ron:2:11"), "{out}");
        assert!(out.contains("2 | valid_to: \"2003-07-xx\","), "{out}");
        assert!(out.contains("  |           ^^^^^^^^^^^^"), "{out}");
        assert!(out.ends_with("= hint: write YYYY-MM-DD\n"), "{out}");
    }
}
