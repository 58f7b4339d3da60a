//! The extraction pipeline's stages, none of which knows about the UI:
//! sentence segmentation, temporal expressions, actors and events.

pub mod actors;
pub(crate) mod automaton;
pub mod events;
pub mod segment;
pub mod timex;
