//! dateline: reads a folder of news articles, finds the dated events they report
//! and the actors involved, and builds a timeline model that the GUI (`ui`) and the
//! exports render.
//!
//! Dependencies run one way: `ui -> {timeline, export} -> model -> pipeline/extract -> corpus`.

pub mod binfile;
pub mod cache;
pub mod cli;
pub mod corpus;
pub mod curation;
pub mod export;
pub mod extract;
pub mod fsutil;
pub mod hashing;
pub mod memory;
pub mod merge;
pub mod model;
pub mod offsets;
pub mod pipeline;
pub mod search;
pub mod snapshot;
pub mod timeline;
pub mod ui;
pub mod watch;
