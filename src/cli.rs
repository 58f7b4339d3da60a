//! The command line: `dateline extract`, `dateline timex`, `dateline entities`.
//! Parses arguments into a [`Command`], runs it, and maps failures to the exit codes
//! of CONTRACTS.md (0 ok, 1 internal error, 2 bad usage or unreadable input).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::extract::actors::{ActorKind, Recognizer};
use crate::extract::timex::{Tagger, TimexType};
use crate::offsets::CharIndex;

/// Export formats of `dateline extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `dateline/1` JSON (CONTRACTS.md §2).
    Json,
    /// One row per event mention.
    Csv,
    /// TimelineJS 3 JSON.
    TimelineJs,
}

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Open the GUI, optionally on a folder.
    Gui(Option<PathBuf>),
    /// Extract a folder and write an export.
    Extract {
        /// Folder or single file to read.
        path: PathBuf,
        /// Output format.
        format: Format,
        /// Output file; stdout when `None`.
        output: Option<PathBuf>,
        /// Apply the user's corrections from the folder's sidecar.
        curated: bool,
    },
    /// Run the temporal tagger over JSON lines (`why`: with each value's derivation).
    Timex {
        /// The JSON lines to tag.
        input: PathBuf,
        /// Add each expression's derivation in words (`--why`).
        why: bool,
    },
    /// Run the actor recognizer over JSON lines.
    Entities(PathBuf),
    /// Print usage.
    Help,
    /// Print the version.
    Version,
}

/// Usage text printed by `--help` and on bad usage.
pub const USAGE: &str = "\
dateline — explore the dated events and actors of a folder of news articles

usage:
  dateline [FOLDER]                         open the explorer (bundled articles by default)
  dateline extract PATH [--format json|csv|timelinejs] [-o FILE] [--raw]
                                            extract a folder or file and write an export,
                                            with the corrections made in the app (--raw:
                                            the machine's results, without them)
  dateline timex IN.jsonl [--why]           tag temporal expressions (CONTRACTS.md §3;
                                            --why: each value's derivation in words too)
  dateline entities IN.jsonl                recognise actors (CONTRACTS.md §4)
  dateline --help | --version
";

/// A usage error (exit code 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let usage = |m: &str| UsageError(format!("{m}\n\n{USAGE}"));
    let Some(first) = args.first() else {
        return Ok(Command::Gui(None));
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "timex" => match args {
            [_, input] if input != "--why" => Ok(Command::Timex {
                input: input.into(),
                why: false,
            }),
            [_, a, b] if (a == "--why") != (b == "--why") => Ok(Command::Timex {
                input: if a == "--why" { b } else { a }.into(),
                why: true,
            }),
            _ => Err(usage("`timex` takes one input file (and --why)")),
        },
        "entities" => {
            let [_, input] = args else {
                return Err(usage("`entities` takes exactly one input file"));
            };
            Ok(Command::Entities(input.into()))
        }
        "extract" => {
            let mut path = None;
            let mut format = Format::Json;
            let mut output = None;
            let mut curated = true;
            let mut rest = args[1..].iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--format" | "-f" => {
                        format = match rest.next().map(String::as_str) {
                            Some("json") => Format::Json,
                            Some("csv") => Format::Csv,
                            Some("timelinejs") => Format::TimelineJs,
                            other => return Err(usage(&format!("unknown format {other:?}"))),
                        }
                    }
                    "--raw" => curated = false,
                    "-o" | "--output" => match rest.next() {
                        Some(o) => output = Some(PathBuf::from(o)),
                        None => return Err(usage("-o needs a file name")),
                    },
                    flag if flag.starts_with('-') && flag.len() > 1 => {
                        return Err(usage(&format!("unknown option {flag}")));
                    }
                    p if path.is_none() => path = Some(PathBuf::from(p)),
                    p => return Err(usage(&format!("unexpected argument {p}"))),
                }
            }
            let path = path.ok_or_else(|| usage("extract needs a PATH"))?;
            Ok(Command::Extract {
                path,
                format,
                output,
                curated,
            })
        }
        flag if flag.starts_with('-') => Err(usage(&format!("unknown option {flag}"))),
        folder if args.len() == 1 => Ok(Command::Gui(Some(PathBuf::from(folder)))),
        _ => Err(usage("too many arguments")),
    }
}

/// Runs a non-GUI command, printing errors with their context.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Help => write_stdout(USAGE.as_bytes()),
        Command::Version => {
            write_stdout(format!("dateline {}\n", env!("CARGO_PKG_VERSION")).as_bytes())
        }
        Command::Timex { input, why } => run_lines(&input, why, timex_line),
        Command::Entities(input) => run_lines(&input, false, entities_line),
        Command::Extract {
            path,
            format,
            output,
            curated,
        } => crate::export::run_extract(&path, format, output.as_deref(), curated),
        Command::Gui(_) => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: {e:#}");
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// One input line of the `timex` / `entities` protocols.
#[derive(Debug, Deserialize)]
struct InputLine {
    id: String,
    #[serde(default)]
    dct: Option<String>,
    text: String,
}

/// Shared engines for the line protocols, built once.
struct Engines {
    tagger: Option<Tagger>,
    recognizer: Option<Recognizer>,
    /// Write each timex's derivation.
    why: bool,
}

/// Reads JSON lines from `input`, maps each through `f`, writes one JSON line each.
fn run_lines(
    input: &std::path::Path,
    why: bool,
    f: fn(&Engines, &InputLine) -> serde_json::Value,
) -> Result<()> {
    let file = File::open(input)
        .with_context(|| format!("cannot open {}", input.display()))
        .map_err(|e| anyhow::Error::new(UsageError(format!("{e:#}"))))?;
    let engines = Engines {
        tagger: Some(Tagger::new().context("loading the temporal tagger")?),
        recognizer: Some(Recognizer::new().context("loading the actor recognizer")?),
        why,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: reading line {}", input.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: InputLine = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("dateline: {}:{}: skipped: {e}", input.display(), n + 1);
                continue;
            }
        };
        serde_json::to_writer(&mut out, &f(&engines, &record))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct TimexOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: TimexType,
    value: &'a str,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    modifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derivation: Option<&'a str>,
}

fn timex_line(engines: &Engines, record: &InputLine) -> serde_json::Value {
    let dct = record
        .dct
        .as_deref()
        .and_then(|d| d.get(..10))
        .and_then(|d| d.parse().ok());
    let index = CharIndex::new(&record.text);
    let timexes: Vec<_> = engines
        .tagger
        .as_ref()
        .map(|t| t.tag(&record.text, dct))
        .unwrap_or_default();
    let out: Vec<TimexOut> = timexes
        .iter()
        .map(|t| TimexOut {
            start: index.char_offset(t.span.start),
            end: index.char_offset(t.span.end),
            text: record.text.get(t.span.clone()).unwrap_or_default(),
            kind: t.kind,
            value: &t.value,
            modifier: t.modifier.as_deref(),
            derivation: engines.why.then_some(&*t.derivation),
        })
        .collect();
    serde_json::json!({ "id": record.id, "timexes": out })
}

#[derive(Serialize)]
struct EntityOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: ActorKind,
    actor: &'a str,
}

fn entities_line(engines: &Engines, record: &InputLine) -> serde_json::Value {
    let index = CharIndex::new(&record.text);
    let mentions = engines
        .recognizer
        .as_ref()
        .map(|r| r.recognize(&record.text, &[]))
        .unwrap_or_default();
    let out: Vec<EntityOut> = mentions
        .iter()
        .map(|m| EntityOut {
            start: index.char_offset(m.span.start),
            end: index.char_offset(m.span.end),
            text: record.text.get(m.span.clone()).unwrap_or_default(),
            kind: m.kind,
            actor: &m.actor,
        })
        .collect();
    serde_json::json!({ "id": record.id, "entities": out })
}

/// Fails with a usage error (exit 2) when `path` does not exist or cannot be read.
pub fn require_readable(path: &std::path::Path) -> Result<()> {
    if let Err(e) = std::fs::metadata(path) {
        bail!(UsageError(format!("cannot read {}: {e}", path.display())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(parse(&[]).ok(), Some(Command::Gui(None)));
        assert_eq!(
            parse(&args("some/folder")).ok(),
            Some(Command::Gui(Some("some/folder".into())))
        );
        assert_eq!(
            parse(&args("extract arts --format csv -o out.csv")).ok(),
            Some(Command::Extract {
                path: "arts".into(),
                format: Format::Csv,
                output: Some("out.csv".into()),
                curated: true,
            })
        );
        assert_eq!(
            parse(&args("extract arts --raw")).ok(),
            Some(Command::Extract {
                path: "arts".into(),
                format: Format::Json,
                output: None,
                curated: false,
            })
        );
        assert_eq!(
            parse(&args("timex in.jsonl")).ok(),
            Some(Command::Timex {
                input: "in.jsonl".into(),
                why: false
            })
        );
        assert_eq!(
            parse(&args("timex --why in.jsonl")).ok(),
            Some(Command::Timex {
                input: "in.jsonl".into(),
                why: true
            })
        );
    }

    #[test]
    fn rejects_bad_usage() {
        for bad in [
            "extract",
            "extract a --format xml",
            "extract a b",
            "timex",
            "timex --why",
            "timex a b",
            "timex --why --why",
            "--frobnicate",
            "a b",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
