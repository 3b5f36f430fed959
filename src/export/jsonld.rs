//! JSON-LD output: oxjsonld's streaming serializer (one node object per subject, written as
//! soon as the next subject starts), with the same prefixes in the context as Turtle; IRIs
//! stay absolute.

use super::triples::{Triples, with_prefixes};
use oxjsonld::{JsonLdSerializer, WriterJsonLdSerializer};
use oxrdf::{GraphNameRef, QuadRef, TripleRef};
use std::io::{self, Write};

pub(crate) struct Writer<W: Write> {
    inner: WriterJsonLdSerializer<W>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        let s = with_prefixes(JsonLdSerializer::new(), |s, name, iri| {
            s.with_prefix(name, iri)
        });
        Writer {
            inner: s.for_writer(out),
        }
    }
}

impl<W: Write> Triples for Writer<W> {
    fn triple(&mut self, t: TripleRef<'_>) -> io::Result<()> {
        self.inner.serialize_quad(QuadRef::new(
            t.subject,
            t.predicate,
            t.object,
            GraphNameRef::DefaultGraph,
        ))
    }

    fn finish(self) -> io::Result<()> {
        let mut out = self.inner.finish()?;
        // The serializer ends without a newline; files and terminals read better with one.
        out.write_all(b"\n")?;
        out.flush()
    }
}
