//! The users' words: citation forms in Russian, Kazakh and English (`cite`, patterns kept as
//! data in `forms.ron`), word stems for Russian and Kazakh matching (`stem`). No I/O; nothing
//! here knows the law, so the same rules serve the reference parser, `ask` and the topics;
//! the message catalogue for table labels in English and Russian (`i18n`, Fluent files), and
//! the legal wording of typed values (terms, sanctions, categories) through it (`prose`), and
//! the Russian of the data's fixed English phrases (`phrases`, kept in `phrases.ron`).

pub mod cite;
pub mod i18n;
pub mod phrases;
pub mod prose;
pub mod stem;
