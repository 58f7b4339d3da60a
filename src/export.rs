//! Exports of the model (placeholder until the model lands).

use std::path::Path;

use crate::cli::Format;

/// Runs `dateline extract`.
pub fn run_extract(path: &Path, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    crate::cli::require_readable(path)?;
    let _ = (format, output);
    anyhow::bail!("extract is not implemented yet")
}
