//! Helpers shared by integration tests.
#![allow(dead_code)]

pub mod bad_folder;
pub mod pdf;
