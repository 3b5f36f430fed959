//! Turtle output: oxttl's streaming serializer, with prefixes for ELI, the vocabulary and XSD.

use super::triples::{ELI, Triples, VOCAB};
use oxrdf::TripleRef;
use oxttl::TurtleSerializer;
use oxttl::turtle::WriterTurtleSerializer;
use std::io::{self, Write};

pub(crate) struct Writer<W: Write> {
    inner: WriterTurtleSerializer<W>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Self {
        let mut s = TurtleSerializer::new();
        // The IRIs are checked constants or a checked base, so these cannot fail; a prefix
        // that did would only make the output longer.
        for (name, iri) in [
            ("eli", ELI),
            ("lx", VOCAB),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ] {
            s = match s.clone().with_prefix(name, iri) {
                Ok(with) => with,
                Err(_) => s,
            };
        }
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
