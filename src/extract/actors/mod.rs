//! Actor recognition: finds people, organizations, armed groups and places in
//! article text and resolves the names that refer to one actor within a document
//! (surname → full name, acronym → expansion, alias table, demonyms → country).
//!
//! INTERFACE (other modules rely on exactly this surface): `Recognizer::new()`,
//! `Recognizer::recognize(text, skip)`, `ActorMention`, `ActorKind`. Added since the
//! skeleton: `ActorMention::nickname`.
//!
//! The pipeline: `token` splits words; `chunk` finds capitalised runs (where
//! capitalisation is informative); `classify` decides each run's kind with an ordered
//! rule table and splits off titles and roles; `resolve` links the mentions of one
//! actor. All word lists live in `assets/actors/` and are read once by `lexicon`.
//! Named events, laws and product models ("Paris Air Show", "Airbus A380") are
//! recognised so that they are *not* reported: `ActorKind::Other` is never emitted.

use std::ops::Range;

mod chunk;
mod classify;
mod lexicon;
mod resolve;
mod token;

/// Lower-casing with an ASCII fast path, shared with the event merge.
pub(crate) use token::lower;

/// The words that end a company's name, from the bundled keywords (for the model's
/// folder-wide actor identities).
pub(crate) use lexicon::company_suffixes;

/// How the actor word lists are read (for the date tagger, which reads some of
/// them too).
pub(crate) use lexicon::lines as asset_lines;

use serde::{Deserialize, Serialize};

/// What kind of actor a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organization: government body, company, agency, coalition.
    Organization,
    /// An armed group, militia or movement.
    Group,
    /// A country, region, city or other place.
    Place,
    /// Anything else that is named.
    Other,
}

impl ActorKind {
    /// The lower-case label used in exports and the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Group => "group",
            Self::Place => "place",
            Self::Other => "other",
        }
    }
}

/// One mention of an actor in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Byte range of the name in the text (on char boundaries), without titles.
    pub span: Range<usize>,
    /// Kind of the actor.
    pub kind: ActorKind,
    /// Canonical name of the actor this mention was resolved to within the text.
    /// (Boxed strings: a folder has hundreds of thousands of mentions.)
    pub actor: Box<str>,
    /// Title or role stated with this mention ("US Army Col."), if any.
    pub role: Option<Box<str>>,
    /// Nickname quoted inside the name ("JB" in "Joel “JB” Vowell"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<Box<str>>,
    /// The kind is a guess: nothing in the text said what the name is (no title,
    /// keyword, listed name or fuller name it stands for). The folder's model takes
    /// the kind other articles give the same name when they say it
    /// ("Reagan" alone, with "President Reagan" in another article).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guess: bool,
}

/// Error building the recognizer from its assets.
#[derive(Debug)]
pub struct ActorError(pub String);

impl std::fmt::Display for ActorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "actor rules: {}", self.0)
    }
}

impl std::error::Error for ActorError {}

/// The compiled recognizer. Build once, share across threads (`Send + Sync`).
#[derive(Debug)]
pub struct Recognizer {
    lex: lexicon::Lexicon,
}

impl Recognizer {
    /// Loads gazetteers and rules from the bundled assets.
    pub fn new() -> Result<Self, ActorError> {
        Ok(Self {
            lex: lexicon::Lexicon::load()?,
        })
    }

    /// Finds the actor mentions of `text`, ignoring the byte ranges in `skip`
    /// (page furniture). Mentions are sorted and non-overlapping.
    pub fn recognize(&self, text: &str, skip: &[Range<usize>]) -> Vec<ActorMention> {
        self.recognize_in(text, &crate::extract::segment::sentences(text), skip)
    }

    /// [`Recognizer::recognize`] with the sentences of `text`
    /// ([`crate::extract::segment::sentences`]) already found.
    pub fn recognize_in(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        skip: &[Range<usize>],
    ) -> Vec<ActorMention> {
        let skipped = crate::extract::Ranges::new(skip);
        let mut doc = chunk::Doc::new(text, sentences, &skipped, &self.lex);
        let mut cands = Vec::new();
        for c in doc.chunks(&self.lex) {
            classify::classify(&doc, &self.lex, &c, &mut cands);
        }
        cands.sort_by_key(|c| (c.toks.start, std::cmp::Reverse(c.toks.end)));
        let mentions = resolve::resolve(&doc, &self.lex, cands);
        clean(mentions, &skipped)
    }
}

/// Sorts and drops mentions overlapping `skipped` or an earlier mention.
fn clean(mut mentions: Vec<ActorMention>, skipped: &crate::extract::Ranges) -> Vec<ActorMention> {
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut out: Vec<ActorMention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        let clash = out.last().is_some_and(|p| overlaps(&p.span, &m.span))
            || skipped.overlaps(&m.span)
            || m.span.is_empty();
        if !clash {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::single_range_in_vec_init
)]
mod tests;
