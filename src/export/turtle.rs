//! Turtle output: oxttl's streaming serializer, with prefixes for ELI, the vocabulary and XSD.

use super::triples::{Triples, with_prefixes};
use oxrdf::TripleRef;
use oxttl::TurtleSerializer;
use oxttl::turtle::WriterTurtleSerializer;
use std::io::{self, Write};

pub(crate) struct Writer<W: Write> {
    inner: WriterTurtleSerializer<W>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        let s = with_prefixes(TurtleSerializer::new(), |s, name, iri| {
            s.with_prefix(name, iri)
        });
        Writer {
            inner: s.for_writer(out),
        }
    }
}

impl<W: Write> Triples for Writer<W> {
    fn triple(&mut self, t: TripleRef<'_>) -> io::Result<()> {
        self.inner.serialize_triple(t)
    }

    fn finish(self) -> io::Result<()> {
        self.inner.finish()?.flush()
    }
}
