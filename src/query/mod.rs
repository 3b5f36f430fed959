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
    /// The message and the hint as catalogue phrases, when they have one: how
    /// [`InputError::render`] words them in another language.
    pub said: Option<Box<Said>>,
    pub hint_said: Option<Box<Said>>,
}

/// A message of the catalogue with its arguments (already formatted values: references,
/// dates, lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Said {
    pub fn new(id: &'static str, args: &[(&'static str, &str)]) -> Said {
        Said {
            id,
            args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        }
    }

    pub fn say(&self, lang: crate::lang::i18n::Lang) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::lang::i18n::tr(lang, self.id, &args)
    }
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
            said: None,
            hint_said: None,
        }
    }

    /// An error whose message is a catalogue phrase (its English is the message).
    pub fn said(input: &str, start: usize, len: usize, said: Said) -> Self {
        let mut e = InputError::new(input, start, len, said.say(crate::lang::i18n::Lang::En));
        e.said = Some(Box::new(said));
        e
    }

    /// A hint that is a catalogue phrase.
    pub fn hint_said(mut self, said: Said) -> Self {
        self.hint = Some(said.say(crate::lang::i18n::Lang::En));
        self.hint_said = Some(Box::new(said));
        self
    }

    /// The error as shown, with its phrases in `lang` (English: exactly the `Display`).
    pub fn render(&self, lang: crate::lang::i18n::Lang) -> String {
        let mut e = self.clone();
        if let Some(s) = &self.said {
            e.message = s.say(lang);
        }
        if let Some(s) = &self.hint_said {
            e.hint = Some(s.say(lang));
        }
        let mut shown = e.to_string();
        if lang != crate::lang::i18n::Lang::En {
            let err = crate::lang::i18n::tr(lang, "error-label", &[]);
            let hint = crate::lang::i18n::tr(lang, "hint-label", &[]);
            shown = shown
                .replacen("error: ", &format!("{err}: "), 1)
                .replace("  = hint: ", &format!("  = {hint}: "));
        }
        shown
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
