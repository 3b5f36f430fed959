//! Russian sanction sentences ("наказывается лишением свободы на срок от трех до пяти лет")
//! read into [`Penalty`]; what cannot be read stays unknown, with its wording and the reason.

use crate::model::{Confiscation, Imprisonment, Penalty};

/// A sanction that could not be read: the wording as found and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionError {
    pub wording: String,
    pub reason: String,
}

impl std::fmt::Display for SanctionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in \"{}\"", self.reason, self.wording)
    }
}

impl std::error::Error for SanctionError {}

/// The penalty recorded for a sanction that could not be read: every field unknown.
pub fn unknown_penalty() -> Penalty {
    Penalty {
        imprisonment: Imprisonment::Unknown,
        fines: vec![],
        confiscation: Confiscation::Unknown,
        other: vec![],
        life: false,
        death: false,
        measures: vec![],
    }
}

/// Reads one sanction ("наказывается ..." up to the end of its sentence). Every word must
/// be understood: a word the grammar does not know refuses the whole sanction rather than
/// letting a number be guessed.
pub fn parse_sanction(wording: &str) -> Result<Penalty, SanctionError> {
    let fail = |reason: String| SanctionError {
        wording: collapse_spaces(wording),
        reason,
    };
    if wording.len() > MAX_SANCTION_BYTES {
        return Err(fail(format!(
            "longer than {MAX_SANCTION_BYTES} bytes; not a single sanction"
        )));
    }
    let mut p = Parser {
        toks: tokenize(wording),
        pos: 0,
        same: None,
    };
    p.sentence().map_err(fail)
}

/// A sanction is one sentence; anything this long is a mis-split part, not a sanction.
const MAX_SANCTION_BYTES: usize = 8_000;

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Punct(char),
}

/// Lowercased words (with "ё" read as "е") and the punctuation that matters. Dashes, quotes,
/// markup (`*`, `<*>`) and the non-breaking spaces of the texts are dropped.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Tok>| {
        if !word.is_empty() {
            out.push(Tok::Word(std::mem::take(word)));
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                word.push(if l == 'ё' { 'е' } else { l });
            }
        } else {
            flush(&mut word, &mut out);
            match c {
                ',' | ';' | '.' | '(' | ')' | ':' => out.push(Tok::Punct(c)),
                _ => {}
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Time units the terms use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeUnit {
    Years,
    Months,
    Days,
    Hours,
}

/// `от A до B`, `до B` or `A`, each bound with its unit.
struct Range<U> {
    min: Option<(Number, U)>,
    max: (Number, U),
}

use super::numwords::{Number, read_number};
use crate::model::{Fine, FineUnit, Measure, MeasureKind, MeasureRole, MeasureUnit};

/// A database document code as old texts leave it in the text: Latin letters and digits,
/// both present ("p05003s" once lowercased).
fn is_document_code(w: &str) -> bool {
    w.len() >= 4
        && w.bytes().all(|b| b.is_ascii_alphanumeric())
        && w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Words that start a punishment in a sanction.
const HEADS: &[&str] = &[
    "лишением",
    "пожизненным",
    "смертной",
    "штрафом",
    "исправительными",
    "привлечением",
    "общественными",
    "обязательными",
    "ограничением",
    "арестом",
    "содержанием",
    "выдворением",
    "конфискацией",
];

/// One punishment of the sentence, as read.
enum Piece {
    Prison { min: Option<u32>, max: u32 },
    Life,
    Death,
    Fine(Fine),
    Measure(Measure),
    Confiscation(Confiscation),
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    /// The term of the alternative just read, in months, for "на тот же срок".
    same: Option<(Option<u32>, u32)>,
}

type Res<T> = Result<T, String>;

impl Parser {
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(self.pos + i) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn at(&self, w: &str) -> bool {
        self.word(0) == Some(w)
    }

    fn at_seq(&self, ws: &[&str]) -> bool {
        ws.iter().enumerate().all(|(i, w)| self.word(i) == Some(*w))
    }

    fn eat(&mut self, w: &str) -> bool {
        self.eat_seq(&[w])
    }

    fn eat_seq(&mut self, ws: &[&str]) -> bool {
        let ok = self.at_seq(ws);
        if ok {
            self.pos += ws.len();
        }
        ok
    }

    fn at_punct(&self, c: char) -> bool {
        self.toks.get(self.pos) == Some(&Tok::Punct(c))
    }

    fn done(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// The next few words, to say where reading stopped.
    fn here(&self) -> String {
        let words: Vec<String> = self.toks[self.pos.min(self.toks.len())..]
            .iter()
            .take(6)
            .map(|t| match t {
                Tok::Word(w) => w.clone(),
                Tok::Punct(c) => c.to_string(),
            })
            .collect();
        if words.is_empty() {
            "the end".into()
        } else {
            format!("\"{}\"", words.join(" "))
        }
    }

    /// A number in words or digits, with an optional "с половиной" (and a half).
    fn number(&mut self) -> Option<Number> {
        // Most positions tried hold no number: answer those without building a string.
        if !self.word(0).is_some_and(super::numwords::is_number_word) {
            return None;
        }
        let mut words = Vec::new();
        for t in self.toks.iter().skip(self.pos).take(12) {
            match t {
                Tok::Word(w) => words.push(w.as_str()),
                Tok::Punct(_) => break,
            }
        }
        let joined = words.join(" ");
        let (mut n, end) = read_number(&joined)?;
        self.pos += joined[..end].split_whitespace().count();
        if !n.half && self.eat_seq(&["с", "половиной"]) {
            n.half = true;
        }
        Some(n)
    }

    fn time_unit(&mut self) -> Option<TimeUnit> {
        let w = self.word(0)?;
        let unit = if w == "лет" || w.starts_with("год") {
            TimeUnit::Years
        } else if w.starts_with("месяц") {
            TimeUnit::Months
        } else if w.starts_with("сут") || w == "день" || w == "дня" || w == "дней" {
            TimeUnit::Days
        } else if w.starts_with("час") {
            TimeUnit::Hours
        } else {
            return None;
        };
        self.pos += 1;
        Some(unit)
    }

    fn mci_unit(&mut self) -> Option<()> {
        let forms: [&[&str]; 3] = [
            &["месячных", "расчетных", "показателей"],
            &["месячного", "расчетного", "показателя"],
            &["мрп"],
        ];
        forms.iter().any(|f| self.eat_seq(f)).then_some(())
    }

    /// `от A [unit] до B unit`, `до B unit` or `A unit`.
    fn range<U: Copy>(&mut self, unit: fn(&mut Parser) -> Option<U>) -> Res<Option<Range<U>>> {
        let start = self.pos;
        if self.eat("от") {
            let a = self
                .number()
                .ok_or_else(|| format!("no number after \"от\" at {}", self.here()))?;
            let ua = unit(self);
            if !self.eat("до") {
                return Err(format!("\"от\" without \"до\" at {}", self.here()));
            }
            let b = self
                .number()
                .ok_or_else(|| format!("no number after \"до\" at {}", self.here()))?;
            let ub = unit(self).ok_or_else(|| format!("no unit at {}", self.here()))?;
            return Ok(Some(Range {
                min: Some((a, ua.unwrap_or(ub))),
                max: (b, ub),
            }));
        }
        if self.eat("до") {
            let b = self
                .number()
                .ok_or_else(|| format!("no number after \"до\" at {}", self.here()))?;
            let ub = unit(self).ok_or_else(|| format!("no unit at {}", self.here()))?;
            return Ok(Some(Range {
                min: None,
                max: (b, ub),
            }));
        }
        if let Some(n) = self.number() {
            if let Some(u) = unit(self) {
                return Ok(Some(Range {
                    min: Some((n, u)),
                    max: (n, u),
                }));
            }
        }
        self.pos = start;
        Ok(None)
    }

    /// "на срок", "сроком на", "сроком", "на" before a term.
    fn term_intro(&mut self) -> bool {
        self.eat_seq(&["на", "срок"])
            || self.eat_seq(&["сроком", "на"])
            || self.eat("сроком")
            || self.eat("на")
    }

    /// A term converted to one measuring unit; `what` names it for errors.
    fn term_in(&mut self, target: TimeUnit, what: &str) -> Res<Option<(Option<u32>, u32)>> {
        let start = self.pos;
        // "ограничением свободы на тот же срок", "лишением права ... на тот же срок": the
        // term of the alternative before it, as for imprisonment.
        if self.eat_seq(&["на", "тот", "же", "срок"]) {
            return match (target, self.same) {
                (TimeUnit::Months, Some(t)) => Ok(Some(t)),
                _ => Err(format!("{what} \"на тот же срок\" with no term before it")),
            };
        }
        // The intro is usually there ("на срок до ..."), but not always ("арестом до ...").
        self.term_intro();
        let Some(r) = self.range(Parser::time_unit)? else {
            self.pos = start;
            return Ok(None);
        };
        let conv = |(n, u): (Number, TimeUnit)| -> Res<u32> {
            let factor = match (u, target) {
                (a, b) if a == b => 1,
                (TimeUnit::Years, TimeUnit::Months) => 12,
                _ => return Err(format!("{what} in {u:?}, expected {target:?}")),
            };
            n.times(factor)
                .ok_or_else(|| format!("{what}: a term that is not a whole number of {target:?}"))
        };
        let max = conv(r.max)?;
        let min = r.min.map(conv).transpose()?;
        if min.is_some_and(|m| m > max) {
            return Err(format!("{what}: the minimum exceeds the maximum"));
        }
        Ok(Some((min, max)))
    }

    fn sentence(&mut self) -> Res<Penalty> {
        for lead in ["наказывается", "наказываются", "наказывалось", "наказуемо"]
        {
            if self.eat(lead) {
                break;
            }
        }
        let mut pieces: Vec<Piece> = Vec::new();
        // The last term in months, for "на тот же срок".
        let mut last_term: Option<(Option<u32>, u32)> = None;
        // Whether the piece before was added ("с ..."): after a bare comma the "с" carries
        // over ("с конфискацией имущества, лишением гражданства ...").
        let mut prev_added = false;
        // Items the rest of the sentence is limited to ("а в случаях, предусмотренных
        // пунктом 3), с ...").
        let mut only: Vec<String> = Vec::new();
        loop {
            let mut only_commas = true;
            while self.at_punct(',')
                || self.at_punct(';')
                || self.at("либо")
                || self.at("или")
                || self.at("а")
                || self.at("также")
                || self.at("и")
            {
                // "и" joins additions as a comma does ("с ... и с ...", "с ... и лишением").
                only_commas &= self.at_punct(',') || self.at("и");
                self.pos += 1;
            }
            if self.done() {
                break;
            }
            if self.at_punct('.') {
                self.pos += 1;
                // Old texts leave the database's document codes after the sentence
                // ("P05003S"): not law, and nothing to read.
                let codes = self.toks[self.pos..].iter().all(|t| match t {
                    Tok::Word(w) => is_document_code(w),
                    Tok::Punct(_) => false,
                });
                if !self.done() && !codes {
                    return Err(format!("text after the sanction: {}", self.here()));
                }
                break;
            }
            if self.at_seq(&["в", "случаях"]) {
                if !only.is_empty() {
                    return Err("two item-limited clauses".into());
                }
                only = self.items_clause()?;
                // What follows the clause is its own: an addition before it does not carry
                // its "с" over ("..., с ... , а в случаях, ... 1), до трех лет").
                prev_added = false;
                continue;
            }
            let added = self.eat("с") || self.eat("со") || (prev_added && only_commas);
            prev_added = added;
            if !only.is_empty() && !added && self.item_term(&only, &mut pieces)? {
                continue;
            }
            if !only.is_empty() && !added {
                return Err(format!(
                    "a different sanction for item(s) {} only, at {}",
                    only.join(", "),
                    self.here()
                ));
            }
            self.same = last_term;
            let mut piece = self.piece(added, &pieces, last_term)?;
            if !only.is_empty() {
                // Only a measure added for those items can be stated; a term or a
                // confiscation that differs by item is not one penalty for the part.
                let main_confiscation = pieces.iter().find_map(|p| match p {
                    Piece::Confiscation(c) => Some(*c),
                    _ => None,
                });
                match &mut piece {
                    Piece::Measure(m) if added => m.only_items = only.clone(),
                    // Repeating the main sanction's confiscation changes nothing.
                    Piece::Confiscation(c) if main_confiscation == Some(*c) => {}
                    _ => {
                        return Err(format!(
                            "a different sanction for item(s) {} only",
                            only.join(", ")
                        ));
                    }
                }
            }
            // "на тот же срок" refers to the alternative just before it, only.
            last_term = match &piece {
                Piece::Measure(m)
                    if m.unit == Some(MeasureUnit::Months)
                        && m.role == MeasureRole::Alternative =>
                {
                    m.max.map(|max| (m.min, max))
                }
                Piece::Prison { min, max } => Some((*min, *max)),
                _ => None,
            };
            pieces.push(piece);
        }
        assemble(pieces)
    }

    /// After an item-limited clause, a term of imprisonment for those items ("а в случаях,
    /// предусмотренных пунктом д), – от восьми до пятнадцати лет с ..."). The term the main
    /// sanction already gives says nothing new; another one is kept as an imprisonment
    /// measure limited to the items, never folded into the part's term. False when no term
    /// follows.
    fn item_term(&mut self, only: &[String], pieces: &mut Vec<Piece>) -> Res<bool> {
        let at = self.pos;
        let named = self.eat_seq(&["лишением", "свободы"]);
        let term_next = self.at("от") || self.at("до") || self.at("на") || self.at("сроком");
        if !(named || term_next) {
            return Ok(false);
        }
        let Some((min, max)) = self.term_in(TimeUnit::Months, "imprisonment")? else {
            self.pos = at;
            return Ok(false);
        };
        let main = pieces.iter().find_map(|p| match p {
            Piece::Prison { min, max } => Some((*min, *max)),
            _ => None,
        });
        if main != Some((min, max)) {
            pieces.push(Piece::Measure(Measure {
                kind: MeasureKind::Imprisonment,
                unit: Some(MeasureUnit::Months),
                min,
                max: Some(max),
                role: MeasureRole::Alternative,
                lifelong: false,
                only_items: only.to_vec(),
            }));
        }
        Ok(true)
    }

    /// After "в случаях": ", предусмотренных пунктом 3)" or "пунктами 1) и 2)", to the
    /// items' data ids.
    fn items_clause(&mut self) -> Res<Vec<String>> {
        self.pos += 2;
        while self.at_punct(',') {
            self.pos += 1;
        }
        if !(self.eat("предусмотренных") || self.eat("указанных")) {
            return Err(format!("an item-limited clause at {}", self.here()));
        }
        let lead = ["пунктом", "пунктами", "подпунктом", "подпунктами"];
        if !lead.iter().any(|w| self.eat(w)) {
            return Err(format!("an item-limited clause at {}", self.here()));
        }
        let mut items = Vec::new();
        while let Some(label) = self.word(0).map(str::to_string) {
            if self.toks.get(self.pos + 1) != Some(&Tok::Punct(')')) {
                break;
            }
            let id = super::article::CodeStyle::Cc1997
                .item_id(&label)
                .ok_or_else(|| format!("item label {label}) not understood"))?;
            items.push(id);
            self.pos += 2;
            while self.at_punct(',') || self.at("и") {
                self.pos += 1;
            }
        }
        if items.is_empty() {
            return Err(format!(
                "an item-limited clause names no item at {}",
                self.here()
            ));
        }
        Ok(items)
    }

    /// "или без такового" / "или без таковой" after an added measure.
    fn optional_tail(&mut self) -> bool {
        let at = self.pos;
        if self.eat_seq(&["или", "без"]) {
            if self.word(0).is_some_and(|w| w.starts_with("таков")) {
                self.pos += 1;
                return true;
            }
            self.pos = at;
        }
        false
    }

    /// Words up to the next term, separator or end, which describe a ban or an expulsion
    /// and carry no number.
    fn skip_description(&mut self) {
        while let Some(w) = self.word(0) {
            let stop = matches!(w, "на" | "сроком" | "пожизненно" | "либо")
                || self.at_head(0)
                || (matches!(w, "с" | "со" | "или") && self.at_head(1))
                || (w == "или" && self.word(1) == Some("без"));
            if stop {
                break;
            }
            self.pos += 1;
        }
    }

    /// Whether the word `i` ahead starts a punishment ("лишением", "штрафом", ...).
    fn at_head(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| HEADS.contains(&w))
    }

    /// Words and commas up to the next punishment, "либо", or the end of the sentence:
    /// a long description with no number in it ("лишением специального, воинского ...").
    fn skip_listing(&mut self, commas: bool) {
        while let Some(t) = self.toks.get(self.pos) {
            let stop = match t {
                Tok::Punct(',') => !commas || self.at_head(1),
                Tok::Punct(_) => true,
                Tok::Word(w) => {
                    w == "либо"
                        || self.at_head(0)
                        || (matches!(w.as_str(), "с" | "со" | "или") && self.at_head(1))
                        || (w == "или" && self.word(1) == Some("без"))
                }
            };
            if stop {
                break;
            }
            self.pos += 1;
        }
    }

    fn piece(
        &mut self,
        added: bool,
        pieces: &[Piece],
        last_term: Option<(Option<u32>, u32)>,
    ) -> Res<Piece> {
        let role = |optional: bool| match (added, optional) {
            (false, _) => MeasureRole::Alternative,
            (true, false) => MeasureRole::Mandatory,
            (true, true) => MeasureRole::Optional,
        };
        let measure = |kind, unit, term: Option<(Option<u32>, u32)>| Measure {
            kind,
            unit: term.map(|_| unit),
            min: term.and_then(|t| t.0),
            max: term.map(|t| t.1),
            role: MeasureRole::Alternative,
            lifelong: false,
            only_items: vec![],
        };
        if self.eat_seq(&["пожизненным", "лишением", "свободы"]) {
            return Ok(Piece::Life);
        }
        if self.eat_seq(&["смертной", "казнью"]) {
            return Ok(Piece::Death);
        }
        if self.eat_seq(&["лишением", "свободы"]) {
            if self.eat_seq(&["на", "тот", "же", "срок"]) {
                let (min, max) =
                    last_term.ok_or("\"на тот же срок\" with no term before it".to_string())?;
                return Ok(Piece::Prison { min, max });
            }
            let (min, max) = self
                .term_in(TimeUnit::Months, "imprisonment")?
                .ok_or_else(|| format!("imprisonment without a term at {}", self.here()))?;
            return Ok(Piece::Prison { min, max });
        }
        if self.eat("штрафом") {
            let f = self.fine()?;
            if !added {
                return Ok(Piece::Fine(f));
            }
            // "лишением свободы ... со штрафом в размере ...": a fine on top of the main
            // punishment, not one of its alternatives.
            if f.unit != FineUnit::Mci {
                return Err("a fine added to another punishment, not in MCI".into());
            }
            let optional = self.optional_tail();
            return Ok(Piece::Measure(Measure {
                kind: MeasureKind::Fine,
                unit: Some(MeasureUnit::Mci),
                min: f.min,
                max: f.max,
                role: role(optional),
                lifelong: false,
                only_items: vec![],
            }));
        }
        if self.at_seq(&["в", "размере", "заработной"]) {
            // The 1997 code's income-based alternative, after "или".
            return self.fine().map(Piece::Fine);
        }
        if self.eat_seq(&["исправительными", "работами"]) {
            if self.eat_seq(&["в", "том", "же", "размере"]) {
                let fine = pieces
                    .iter()
                    .rev()
                    .find_map(|p| match p {
                        Piece::Fine(f) if f.unit == FineUnit::Mci => Some(f),
                        _ => None,
                    })
                    .ok_or("correctional work \"в том же размере\" with no fine before it")?;
                return Ok(Piece::Measure(Measure {
                    kind: MeasureKind::CorrectionalWork,
                    unit: Some(MeasureUnit::Mci),
                    min: fine.min,
                    max: fine.max,
                    role: MeasureRole::Alternative,
                    lifelong: false,
                    only_items: vec![],
                }));
            }
            if self.eat_seq(&["в", "размере"]) {
                let r = self
                    .range(Parser::mci_unit)?
                    .ok_or_else(|| format!("correctional work amount at {}", self.here()))?;
                let (min, max) = whole_range(&r, "correctional work")?;
                return Ok(Piece::Measure(Measure {
                    kind: MeasureKind::CorrectionalWork,
                    unit: Some(MeasureUnit::Mci),
                    min,
                    max: Some(max),
                    role: MeasureRole::Alternative,
                    lifelong: false,
                    only_items: vec![],
                }));
            }
            let t = self
                .term_in(TimeUnit::Months, "correctional work")?
                .ok_or_else(|| format!("correctional work without a term at {}", self.here()))?;
            return Ok(Piece::Measure(measure(
                MeasureKind::CorrectionalWork,
                MeasureUnit::Months,
                Some(t),
            )));
        }
        let community: [&[&str]; 3] = [
            &["привлечением", "к", "общественным", "работам"],
            &["общественными", "работами"],
            &["обязательными", "работами"],
        ];
        if community.iter().any(|c| self.eat_seq(c)) {
            let t = self
                .term_in(TimeUnit::Hours, "community work")?
                .ok_or_else(|| format!("community work without hours at {}", self.here()))?;
            return Ok(Piece::Measure(measure(
                MeasureKind::CommunityWork,
                MeasureUnit::Hours,
                Some(t),
            )));
        }
        if self.eat_seq(&["ограничением", "свободы"]) {
            let t = self
                .term_in(TimeUnit::Months, "restriction of liberty")?
                .ok_or_else(|| {
                    format!("restriction of liberty without a term at {}", self.here())
                })?;
            return Ok(Piece::Measure(measure(
                MeasureKind::RestrictionOfLiberty,
                MeasureUnit::Months,
                Some(t),
            )));
        }
        if self.eat("арестом") {
            // Days in the 2014 code, months in the 1997 code.
            let at = self.pos;
            if let Some(t) = self.term_in(TimeUnit::Days, "arrest").ok().flatten() {
                return Ok(Piece::Measure(measure(
                    MeasureKind::Arrest,
                    MeasureUnit::Days,
                    Some(t),
                )));
            }
            self.pos = at;
            let t = self
                .term_in(TimeUnit::Months, "arrest")?
                .ok_or_else(|| format!("arrest without a term at {}", self.here()))?;
            return Ok(Piece::Measure(measure(
                MeasureKind::Arrest,
                MeasureUnit::Months,
                Some(t),
            )));
        }
        // "по воинской службе" in the 1997 code, "по военной службе" in the 2014 one.
        if self.eat_seq(&["ограничением", "по", "военной", "службе"])
            || self.eat_seq(&["ограничением", "по", "воинской", "службе"])
        {
            let t = self.term_in(TimeUnit::Months, "military service restriction")?;
            return Ok(Piece::Measure(measure(
                MeasureKind::MilitaryRestriction,
                MeasureUnit::Months,
                t,
            )));
        }
        if self.eat_seq(&["содержанием", "в", "дисциплинарной", "воинской", "части"])
        {
            let t = self.term_in(TimeUnit::Months, "disciplinary military unit")?;
            return Ok(Piece::Measure(measure(
                MeasureKind::DisciplinaryUnit,
                MeasureUnit::Months,
                t,
            )));
        }
        let lifelong_ban = self.eat_seq(&["пожизненным", "лишением", "права"]);
        if lifelong_ban || self.eat_seq(&["лишением", "права"]) {
            self.skip_description();
            let t = self.term_in(TimeUnit::Months, "ban")?;
            let lifelong = lifelong_ban || self.eat("пожизненно");
            let optional = self.optional_tail();
            let mut m = measure(MeasureKind::Ban, MeasureUnit::Months, t);
            m.lifelong = lifelong;
            m.role = role(optional);
            return Ok(Piece::Measure(m));
        }
        if self.eat_seq(&["лишением", "гражданства"]) {
            self.skip_description();
            let optional = self.optional_tail();
            let mut m = measure(MeasureKind::LossOfCitizenship, MeasureUnit::Months, None);
            m.role = role(optional);
            return Ok(Piece::Measure(m));
        }
        let ranks = [
            "специального",
            "воинского",
            "почетного",
            "классного",
            "дипломатического",
            "государственных",
        ];
        if self.at("лишением") && self.word(1).is_some_and(|w| ranks.contains(&w)) {
            self.pos += 1;
            self.skip_listing(true);
            let optional = self.optional_tail();
            let mut m = measure(MeasureKind::Deprivation, MeasureUnit::Months, None);
            m.role = role(optional);
            return Ok(Piece::Measure(m));
        }
        if self.eat("выдворением") {
            self.skip_description();
            let t = self.term_in(TimeUnit::Months, "expulsion")?;
            let optional = self.optional_tail();
            let mut m = measure(MeasureKind::Expulsion, MeasureUnit::Months, t);
            m.role = role(optional);
            return Ok(Piece::Measure(m));
        }
        if self.eat("конфискацией") {
            if self.eat("имущества") {
                let optional = self.optional_tail();
                return Ok(Piece::Confiscation(if optional {
                    Confiscation::Optional
                } else {
                    Confiscation::Mandatory
                }));
            }
            // Confiscation of named objects (instruments, means): not of property.
            self.skip_description();
            let optional = self.optional_tail();
            let mut m = measure(MeasureKind::Forfeiture, MeasureUnit::Months, None);
            m.role = role(optional);
            return Ok(Piece::Measure(m));
        }
        Err(format!("unrecognised words at {}", self.here()))
    }

    /// After "штрафом": an amount in MCI, or in months of the offender's income.
    fn fine(&mut self) -> Res<Fine> {
        self.eat_seq(&["в", "размере"]);
        let income: [&[&str]; 2] = [
            &[
                "заработной",
                "платы",
                "или",
                "иного",
                "дохода",
                "осужденного",
            ],
            &["заработной", "платы", "или", "иного", "дохода"],
        ];
        if income.iter().any(|w| self.eat_seq(w)) {
            self.eat_seq(&["за", "период"]);
            let r = self
                .range(Parser::time_unit)?
                .ok_or_else(|| format!("income fine without a period at {}", self.here()))?;
            let conv = |(n, u): (Number, TimeUnit)| -> Res<u32> {
                let factor = match u {
                    TimeUnit::Months => 1,
                    TimeUnit::Years => 12,
                    _ => return Err(format!("income fine in {u:?}, expected months")),
                };
                n.times(factor)
                    .ok_or_else(|| "income fine: not a whole number of months".to_string())
            };
            return Ok(Fine {
                unit: FineUnit::MonthsIncome,
                min: r.min.map(conv).transpose()?,
                max: Some(conv(r.max)?),
            });
        }
        if let Some(f) = self.multiple_fine()? {
            return Ok(f);
        }
        let r = self
            .range(Parser::mci_unit)?
            .ok_or_else(|| format!("fine amount not in MCI at {}", self.here()))?;
        let (min, max) = whole_range(&r, "fine")?;
        Ok(Fine {
            unit: FineUnit::Mci,
            min,
            max: Some(max),
        })
    }
}

/// A multiplier word: "двадцатикратной" (20), "стократной", "двукратной", "пятикратную".
fn multiplier(word: &str) -> Option<u32> {
    let stem = [
        "кратной",
        "кратного",
        "кратную",
        "кратная",
        "кратном",
        "кратному",
    ]
    .iter()
    .find_map(|s| word.strip_suffix(s))?;
    match stem {
        "дву" | "двух" => return Some(2),
        "одно" => return Some(1),
        _ => {}
    }
    let n = super::numwords::parse_number(stem)?;
    (!n.half).then_some(n.whole)
}

impl Parser {
    /// "в размере от двадцатикратной до пятидесятикратной суммы взятки", "до ...", or an
    /// exact multiple; the sum's name runs to the next separator.
    fn multiple_fine(&mut self) -> Res<Option<Fine>> {
        let start = self.pos;
        let from = self.eat("от");
        let upto = !from && self.eat("до");
        let Some(a) = self.word(0).and_then(multiplier) else {
            self.pos = start;
            return Ok(None);
        };
        self.pos += 1;
        let (min, max) = if from {
            if !self.eat("до") {
                return Err(format!("\"от\" without \"до\" at {}", self.here()));
            }
            let b = self
                .word(0)
                .and_then(multiplier)
                .ok_or_else(|| format!("no multiple after \"до\" at {}", self.here()))?;
            self.pos += 1;
            (Some(a), b)
        } else if upto {
            (None, a)
        } else {
            (Some(a), a)
        };
        if min.is_some_and(|m| m > max) {
            return Err("fine: the minimum exceeds the maximum".into());
        }
        if !self.eat("суммы") {
            return Err(format!("a multiple of what, at {}", self.here()));
        }
        // "взятки", "переданных денег или стоимости переданного имущества": the sum's name.
        self.skip_listing(false);
        Ok(Some(Fine {
            unit: FineUnit::Multiple,
            min,
            max: Some(max),
        }))
    }
}

fn whole_range(r: &Range<()>, what: &str) -> Res<(Option<u32>, u32)> {
    let whole = |n: Number| {
        n.times(1)
            .ok_or_else(|| format!("{what}: not a whole number"))
    };
    let max = whole(r.max.0)?;
    let min = r.min.map(|m| whole(m.0)).transpose()?;
    if min.is_some_and(|m| m > max) {
        return Err(format!("{what}: the minimum exceeds the maximum"));
    }
    Ok((min, max))
}

fn assemble(pieces: Vec<Piece>) -> Res<Penalty> {
    if pieces.is_empty() {
        return Err("no punishment named".into());
    }
    let mut p = Penalty {
        imprisonment: Imprisonment::None,
        fines: vec![],
        confiscation: Confiscation::No,
        other: vec![],
        life: false,
        death: false,
        measures: vec![],
    };
    let mut confiscation_seen = false;
    for piece in pieces {
        match piece {
            Piece::Prison { min, max } => {
                if p.imprisonment != Imprisonment::None {
                    return Err("two imprisonment terms in one sanction".into());
                }
                p.imprisonment = Imprisonment::Term { min, max };
            }
            Piece::Life => p.life = true,
            Piece::Death => p.death = true,
            Piece::Fine(f) => p.fines.push(f),
            Piece::Measure(m) => p.measures.push(m),
            Piece::Confiscation(c) => {
                // The same confiscation may be repeated after each alternative; a
                // different one would make the penalty depend on the alternative.
                if confiscation_seen && p.confiscation != c {
                    return Err("confiscation differs between alternatives".into());
                }
                confiscation_seen = true;
                p.confiscation = c;
            }
        }
    }
    Ok(p)
}

/// Byte offset in `text` where its sanction starts ("наказывается", "Наказываются").
pub fn find_sanction(text: &str) -> Option<usize> {
    // The word is written in lower case, capitalised, or (rarely) in capitals; searching
    // for those forms keeps offsets exact without lowercasing the text.
    ["наказыва", "Наказыва", "НАКАЗЫВА"]
        .iter()
        .filter_map(|w| text.find(w))
        .min()
}

/// Sanctions read and not read in a chapter file, with every miss located.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SanctionStats {
    pub parsed: usize,
    pub total: usize,
    pub misses: Vec<SanctionMiss>,
}

/// A sanction the parser refused: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionMiss {
    pub article: String,
    pub part: String,
    /// 1-based line of the sanction in the file.
    pub line: usize,
    pub wording: String,
    pub reason: String,
}

/// Counts the sanctions of a chapter file and how many of them parse: `(parsed, total)`.
pub fn sanction_stats(md: &str) -> (usize, usize) {
    let s = sanction_report(md, super::CodeStyle::Cc2014);
    (s.parsed, s.total)
}

/// Every sanction of a chapter file, counted, with the ones that do not parse listed.
pub fn sanction_report(md: &str, style: super::CodeStyle) -> SanctionStats {
    let mut stats = SanctionStats::default();
    for a in super::parse_chapter(md, style).articles {
        for p in &a.parts {
            if let Some(s) = &p.sanction {
                stats.total += 1;
                match &s.penalty {
                    Ok(_) => stats.parsed += 1,
                    Err(e) => stats.misses.push(SanctionMiss {
                        article: a.number.clone(),
                        part: p.part.clone(),
                        line: s.line,
                        wording: e.wording.clone(),
                        reason: e.reason.clone(),
                    }),
                }
            }
        }
    }
    stats
}

use super::numwords::{Case, number_words};

/// A count of `unit` in the genitive after "от"/"до": "одного года", "пяти лет".
fn genitive_count(n: u32, one: &str, few_many: &str) -> String {
    let w = number_words(n, Case::Genitive, false);
    if n % 10 == 1 && n % 100 != 11 {
        format!("{w} {one}")
    } else {
        format!("{w} {few_many}")
    }
}

/// A term in months in the genitive: "трех лет", "полутора лет", "шести месяцев".
fn months_genitive(m: u32) -> String {
    if m % 12 == 0 {
        genitive_count(m / 12, "года", "лет")
    } else if m == 18 {
        "полутора лет".into()
    } else if m % 12 == 6 && m > 12 {
        format!(
            "{} с половиной лет",
            number_words(m / 12, Case::Genitive, false)
        )
    } else {
        genitive_count(m, "месяца", "месяцев")
    }
}

/// A count in the nominative (an exact term, "на срок пять лет"): 1 год, 2-4 года, 5 лет.
fn nominative_count(n: u32, one: &str, few: &str, many: &str) -> String {
    let w = number_words(n, Case::Nominative, false);
    let teen = (11..=14).contains(&(n % 100));
    match n % 10 {
        1 if !teen => format!("{w} {one}"),
        2..=4 if !teen => format!("{w} {few}"),
        _ => format!("{w} {many}"),
    }
}

fn months_nominative(m: u32) -> String {
    if m % 12 == 0 {
        nominative_count(m / 12, "год", "года", "лет")
    } else if m == 18 {
        "полтора года".into()
    } else if m % 12 == 6 && m > 12 {
        format!(
            "{} с половиной лет",
            number_words(m / 12, Case::Nominative, false)
        )
    } else {
        nominative_count(m, "месяц", "месяца", "месяцев")
    }
}

/// "от A до B unit" / "до B unit"; an exact amount goes through `exact` (nominative).
fn range_words(
    min: Option<u32>,
    max: u32,
    write: &dyn Fn(u32) -> String,
    bare: &dyn Fn(u32) -> String,
    exact: &dyn Fn(u32) -> String,
) -> String {
    match min {
        Some(a) if a == max => exact(a),
        Some(a) => format!("от {} до {}", bare(a), write(max)),
        None => format!("до {}", write(max)),
    }
}

fn months_range(min: Option<u32>, max: u32) -> String {
    // "от трех до пяти лет" when both bounds are whole years; otherwise each bound says its
    // own unit ("от шести месяцев до двух лет").
    let whole_years = min.is_none_or(|a| a % 12 == 0) && max % 12 == 0;
    if whole_years {
        range_words(
            min,
            max,
            &months_genitive,
            &|a| number_words(a / 12, Case::Genitive, false),
            &months_nominative,
        )
    } else {
        range_words(
            min,
            max,
            &months_genitive,
            &months_genitive,
            &months_nominative,
        )
    }
}

fn plain_range(
    min: Option<u32>,
    max: u32,
    (one, many): (&str, &str),
    (n_one, n_few, n_many): (&str, &str, &str),
) -> String {
    range_words(
        min,
        max,
        &|n| genitive_count(n, one, many),
        &|n| number_words(n, Case::Genitive, false),
        &|n| nominative_count(n, n_one, n_few, n_many),
    )
}

/// An amount of MCI: "до пятисот", "от ста до двухсот", "пятисот" (after "в размере").
fn mci_range(min: Option<u32>, max: u32) -> String {
    let g = |n| number_words(n, Case::Genitive, false);
    range_words(min, max, &g, &g, &g)
}

/// "с" before an added measure, "со" before "штрафом".
fn with(phrase: &str) -> &'static str {
    if phrase.starts_with("штраф") {
        "со"
    } else {
        "с"
    }
}

/// Writes a penalty as a Russian sanction sentence in our own words, in the order the
/// codes use (fines, work, restriction, arrest, imprisonment, life, death; then what is
/// added). `None` for what a sentence cannot state (an unknown term, a fine with no
/// maximum, free-text `other` measures). [`parse_sanction`] reads the sentence back to the
/// same penalty, which the property tests check.
pub fn render_sanction(p: &Penalty) -> Option<String> {
    if !p.other.is_empty() || p.confiscation == Confiscation::Unknown {
        return None;
    }
    let mut alts: Vec<String> = Vec::new();
    let mut adds: Vec<String> = Vec::new();
    // Measures limited to some items, and those items.
    let mut limited: Vec<String> = Vec::new();
    let mut limited_to: Option<&[String]> = None;
    let mut last_term: Option<(Option<u32>, u32)> = None;
    let mut first_mci: Option<(Option<u32>, Option<u32>)> = None;
    for f in &p.fines {
        let max = f.max?;
        match f.unit {
            FineUnit::Mci => {
                first_mci.get_or_insert((f.min, f.max));
                alts.push(format!(
                    "штрафом в размере {} месячных расчетных показателей",
                    mci_range(f.min, max)
                ));
            }
            FineUnit::MonthsIncome => alts.push(format!(
                "штрафом в размере заработной платы или иного дохода осужденного за период {}",
                plain_range(
                    f.min,
                    max,
                    ("месяца", "месяцев"),
                    ("месяц", "месяца", "месяцев"),
                )
            )),
            FineUnit::Multiple => {
                // One word per multiple: "двадцатикратной" but no compound "двадцатипяти...".
                let single = |n: u32| !number_words(n, Case::Genitive, false).contains(' ');
                if !single(max) || f.min.is_some_and(|a| !single(a)) {
                    return None;
                }
                let m = |n: u32| {
                    format!(
                        "{}кратной",
                        number_words(n, Case::Genitive, false).replace(' ', "")
                    )
                };
                let amount = match f.min {
                    Some(a) if a == max => m(a),
                    Some(a) => format!("от {} до {}", m(a), m(max)),
                    None => format!("до {}", m(max)),
                };
                alts.push(format!("штрафом в размере {amount} суммы взятки"));
            }
            FineUnit::Unknown => return None,
        }
    }
    for m in &p.measures {
        let term = |m: &Measure| -> Option<String> {
            let max = m.max?;
            Some(match m.unit? {
                MeasureUnit::Months => months_range(m.min, max),
                MeasureUnit::Days => {
                    plain_range(m.min, max, ("суток", "суток"), ("сутки", "суток", "суток"))
                }
                MeasureUnit::Hours => {
                    plain_range(m.min, max, ("часа", "часов"), ("час", "часа", "часов"))
                }
                MeasureUnit::Mci => return None,
            })
        };
        let phrase = match m.kind {
            MeasureKind::CorrectionalWork if m.unit == Some(MeasureUnit::Mci) => {
                if first_mci == Some((m.min, m.max)) {
                    "исправительными работами в том же размере".to_string()
                } else {
                    format!(
                        "исправительными работами в размере {} месячных расчетных показателей",
                        mci_range(m.min, m.max?)
                    )
                }
            }
            MeasureKind::CorrectionalWork => {
                format!("исправительными работами на срок {}", term(m)?)
            }
            MeasureKind::CommunityWork => {
                format!("привлечением к общественным работам на срок {}", term(m)?)
            }
            MeasureKind::RestrictionOfLiberty => {
                format!("ограничением свободы на срок {}", term(m)?)
            }
            MeasureKind::Arrest => format!("арестом на срок {}", term(m)?),
            MeasureKind::MilitaryRestriction => {
                format!("ограничением по военной службе на срок {}", term(m)?)
            }
            MeasureKind::DisciplinaryUnit => format!(
                "содержанием в дисциплинарной воинской части на срок {}",
                term(m)?
            ),
            MeasureKind::Ban => {
                let mut s = String::from(
                    "лишением права занимать определенные должности или заниматься \
                     определенной деятельностью",
                );
                if m.max.is_some() {
                    s.push_str(&format!(" на срок {}", term(m)?));
                }
                if m.lifelong {
                    s.push_str(" пожизненно");
                }
                s
            }
            MeasureKind::Expulsion => {
                let mut s = String::from(
                    "выдворением за пределы Республики Казахстан иностранца или лица без \
                     гражданства",
                );
                if m.max.is_some() {
                    s.push_str(&format!(" на срок {}", term(m)?));
                }
                s
            }
            MeasureKind::Forfeiture => "конфискацией орудий и средств".to_string(),
            MeasureKind::LossOfCitizenship => {
                "лишением гражданства Республики Казахстан".to_string()
            }
            MeasureKind::Deprivation => return None,
            MeasureKind::Fine if m.role != MeasureRole::Alternative => format!(
                "штрафом в размере {} месячных расчетных показателей",
                mci_range(m.min, m.max?)
            ),
            MeasureKind::Fine => return None,
            // Only for some items, after the clause that names them; a term equal to the
            // part's own says nothing and is not written.
            MeasureKind::Imprisonment => {
                let same = p.imprisonment
                    == Imprisonment::Term {
                        min: m.min,
                        max: m.max?,
                    };
                if m.only_items.is_empty() || m.role != MeasureRole::Alternative || same {
                    return None;
                }
                // An exact term needs its "на срок" ("на срок пять лет").
                if m.min == m.max {
                    format!("на срок {}", term(m)?)
                } else {
                    term(m)?
                }
            }
        };
        if !m.only_items.is_empty() {
            let term_first = m.kind == MeasureKind::Imprisonment;
            let ok_role = if term_first {
                limited.is_empty()
            } else {
                m.role == MeasureRole::Mandatory
            };
            if !ok_role || limited_to.is_some_and(|l| l != m.only_items) {
                return None;
            }
            limited_to = Some(&m.only_items);
            limited.push(if term_first {
                phrase
            } else {
                format!("{} {phrase}", with(&phrase))
            });
            continue;
        }
        match m.role {
            MeasureRole::Alternative => {
                last_term = if m.unit == Some(MeasureUnit::Months) {
                    m.max.map(|max| (m.min, max))
                } else {
                    None
                };
                alts.push(phrase);
            }
            MeasureRole::Mandatory => adds.push(format!("{} {phrase}", with(&phrase))),
            MeasureRole::Optional if m.kind == MeasureKind::Fine => {
                adds.push(format!("со {phrase} или без такового"));
            }
            MeasureRole::Optional => {
                let tail = if m.kind == MeasureKind::Forfeiture {
                    "таковой"
                } else {
                    "такового"
                };
                adds.push(format!("с {phrase} или без {tail}"));
            }
        }
    }
    match p.imprisonment {
        Imprisonment::Unknown => return None,
        Imprisonment::None => {}
        Imprisonment::Term { min, max } => {
            if last_term == Some((min, max)) {
                alts.push("лишением свободы на тот же срок".into());
            } else {
                alts.push(format!(
                    "лишением свободы на срок {}",
                    months_range(min, max)
                ));
            }
        }
    }
    if p.life {
        alts.push("пожизненным лишением свободы".into());
    }
    if p.death {
        alts.push("смертной казнью".into());
    }
    match p.confiscation {
        Confiscation::Mandatory => adds.insert(0, "с конфискацией имущества".into()),
        Confiscation::Optional => adds.insert(0, "с конфискацией имущества или без таковой".into()),
        _ => {}
    }
    if alts.is_empty() {
        return None;
    }
    let mut s = String::from("наказывается ");
    for (i, a) in alts.iter().enumerate() {
        if i > 0 {
            s.push_str(", либо ");
        }
        s.push_str(a);
    }
    for a in &adds {
        s.push_str(", ");
        s.push_str(a);
    }
    if let Some(items) = limited_to {
        let labels: Option<Vec<String>> = items
            .iter()
            .map(|id| super::article::printed_label(id).map(|l| format!("{l})")))
            .collect();
        let labels = labels?;
        let list = match labels.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} и {last}", rest.join(", ")),
            None => return None,
        };
        let word = if items.len() == 1 {
            "пунктом"
        } else {
            "пунктами"
        };
        s.push_str(&format!(", а в случаях, предусмотренных {word} {list}"));
        for l in &limited {
            s.push_str(", ");
            s.push_str(l);
        }
    }
    s.push('.');
    Some(s)
}
