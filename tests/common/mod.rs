//! Helpers shared by integration tests.
#![allow(dead_code)]

pub mod bad_folder;
pub mod pdf;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dateline::model::Dataset;
use dateline::pipeline::Pipeline;

/// The bundled `articles/` folder.
pub fn bundled_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")
}

/// The bundled articles, extracted.
pub fn bundled() -> Dataset {
    let pipeline = Pipeline::new().expect("bundled rules compile");
    pipeline
        .run(&bundled_folder(), &mut |_| {}, &AtomicBool::new(false))
        .expect("bundled articles load")
}

/// A copy of the bundled articles (files only) in a new temporary folder, for
/// tests that write beside them (corrections) or change them.
pub fn bundled_copy() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    copy_bundled(dir.path())?;
    Ok(dir)
}

/// Copies the bundled articles (files only) into the existing folder `to`.
pub fn copy_bundled(to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(bundled_folder())? {
        let path = entry?.path();
        if let (Some(name), true) = (path.file_name(), path.is_file()) {
            std::fs::copy(&path, to.join(name))?;
        }
    }
    Ok(())
}
