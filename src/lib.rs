//! lexchron: what law applied when. A versioned graph of criminal-code provisions, their
//! editions, amending acts and penalties, with point-in-time queries.
//!
//! Data flow: `load` (RON + corpus -> [`load::Dataset`]) -> `check` (validation) ->
//! `graph` ([`graph::Law`]) -> `exec` (requests -> answers) -> `render` (table / JSON).
//! `export` writes the whole law as ELI linked data or CSV, streamed.
//! The library does no terminal I/O; `cli::run` writes to the writers it is given.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod api;
pub mod ask;
pub mod charts;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diag;
pub mod exec;
pub mod export;
pub mod graph;
pub mod import;
pub mod index;
pub mod lang;
pub mod load;
pub mod mcp;
pub mod model;
pub mod query;
pub mod render;
pub mod scale;
pub mod serve;
pub mod session;
pub mod snapshot;
pub mod summary;
pub mod view;
