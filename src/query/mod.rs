//! The query language's atoms: provision references and dates/intervals, parsed once at the
//! edge into typed values, with errors that point at the offending characters.

mod reference;
mod when;

pub use reference::Ref;
pub use when::When;

use std::fmt;

/// A problem with a typed input (a reference, a date, a command line): where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub input: String,
    /// Character offset of the offending token in `input`.
    pub start: usize,
    /// Its length in characters (at least 1 when shown).
    pub len: usize,
    pub message: String,
    pub hint: Option<String>,
    /// Whether the input was malformed or named something that does not exist; servers map
    /// this to 400 or 404.
    pub kind: ErrorKind,
}

/// What kind of problem an [`InputError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorKind {
    /// The input could not be read (bad syntax, out-of-range values).
    #[default]
    Malformed,
    /// The input was well formed but names nothing in the data (an article, part, topic,
    /// or an edition on that date).
    NotFound,
}

impl InputError {
    pub fn new(input: &str, start: usize, len: usize, message: impl Into<String>) -> Self {
        InputError {
            input: input.to_string(),
            start,
            len,
            message: message.into(),
            hint: None,
            kind: ErrorKind::Malformed,
        }
    }

    /// Marks the error as naming something absent from the data.
    pub fn not_found(mut self) -> Self {
        self.kind = ErrorKind::NotFound;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        // Control characters would break the caret line; show them as spaces.
        let shown: String = self
            .input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        writeln!(f, "  | {shown}")?;
        let total = shown.chars().count();
        let start = self.start.min(total);
        let len = self.len.max(1);
        writeln!(f, "  | {}{}", " ".repeat(start), "^".repeat(len))?;
        if let Some(h) = &self.hint {
            writeln!(f, "  = hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}
