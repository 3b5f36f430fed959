//! Legal analysis: applying the general part's rules (kept as data in the provisions'
//! `rules`) to the offences, edition by edition. Nothing here hard-codes a threshold.

pub mod amendments;
pub mod applicable;
pub mod conciliation;
pub mod gravity;
pub mod loopholes;
pub mod timeline;
